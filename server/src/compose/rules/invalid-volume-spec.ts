import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { parseVolume } from '../values';

/** Short-syntax volume mounts compose-go cannot parse (empty section, too many colons). */
export const invalidVolumeSpecRule: ComposeRule = {
  id: 'InvalidVolumeSpec',
  severity: 'error',
  doc: 'A `source:target[:mode]` volume mount that docker compose cannot parse, often because a variable is empty.',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      if (!Array.isArray(def.volumes)) continue;
      def.volumes.forEach((entry, index) => {
        if (isJsonMap(entry) && typeof entry.target !== 'string') {
          report(rangeAt(compose, ['services', name, 'volumes', index]), 'This volume mount has no target: add `target: /path/in/container`.');
          return;
        }
        if (isJsonMap(entry) && entry.type === 'bind' && (typeof entry.source !== 'string' || !entry.source)) {
          report(rangeAt(compose, ['services', name, 'volumes', index]), 'A bind mount needs a source: add `source: ./path/on/host`.');
          return;
        }
        if (typeof entry !== 'string') return;
        const parsed = parseVolume(entry);
        if (typeof parsed === 'string') report(rangeAt(compose, ['services', name, 'volumes', index]), `Invalid volume "${entry}": ${parsed.replace(/^invalid spec: .*?: /, '')}.`);
      });
    }
  },
};
