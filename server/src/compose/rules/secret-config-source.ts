import { isJsonMap } from '../document';
import { rangeAt, type ComposeRule } from '../rule';

/** Top-level secrets/configs need exactly one source (file, environment; configs also content) unless external. */
export const secretConfigSourceRule: ComposeRule = {
  id: 'SecretConfigSource',
  severity: 'error',
  doc: 'A top-level secret or config has no source, or more than one of file / environment / content.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    for (const [kind, keys] of [
      ['secrets', ['file', 'environment']],
      ['configs', ['file', 'environment', 'content']],
    ] as const) {
      const section = compose.model[kind];
      if (!isJsonMap(section)) continue;
      for (const [name, def] of Object.entries(section)) {
        if (!isJsonMap(def)) continue;
        const set = keys.filter((k) => def[k] !== undefined);
        if (set.length > 1) report(rangeAt(compose, [kind, name, set[1]], 'key'), `${kind}.${name}: ${keys.join('|')} are mutually exclusive.`);
        else if (set.length === 0 && def.external === undefined && def.driver === undefined) report(rangeAt(compose, [kind, name], 'key'), `${kind}.${name}: one of ${keys.join('|')} must be set (or external: true).`);
      }
    }
  },
};
