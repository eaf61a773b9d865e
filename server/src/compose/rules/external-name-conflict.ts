import { isJsonMap } from '../document';
import { rangeAt, type ComposeRule } from '../rule';

const SECTIONS = ['volumes', 'networks', 'secrets', 'configs'] as const;

/**
 * `name` beside the legacy `external: {name: …}` with another value: compose-go cannot tell which name the
 * resource has and refuses the file (transform/external.go). The same value is only the deprecation warning.
 */
export const externalNameConflictRule: ComposeRule = {
  id: 'ExternalNameConflict',
  severity: 'error',
  doc: 'A volume, network, secret or config sets both name and the legacy external.name, to different values.',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const section of SECTIONS) {
      const resources = compose.model[section];
      if (!isJsonMap(resources)) continue;
      for (const [name, def] of Object.entries(resources)) {
        if (!isJsonMap(def) || !isJsonMap(def.external) || def.name === undefined || def.external.name === undefined) continue;
        if (def.name === def.external.name) continue;
        report(rangeAt(compose, [section, name, 'external', 'name'], 'key'), `${section}.${name}: name and external.name conflict; only use name (set name: ${JSON.stringify(def.external.name)} and external: true, or drop external.name).`);
      }
    }
  },
};
