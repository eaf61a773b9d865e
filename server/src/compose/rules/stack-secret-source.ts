import * as path from 'node:path';
import { isJsonMap } from '../document';
import { rangeAt, type ComposeRule } from '../rule';

/**
 * docker/cli's loader (loadFileObjectConfig) and converter (convert.Secrets / Configs): a secret or config the
 * stack creates is read from `file` (relative to the stack file) when the stack is deployed; external ones must
 * exist in the swarm already; a secret may come from a `driver` plugin instead, but not from both.
 */
export const stackSecretSourceRule: ComposeRule = {
  id: 'StackSecretSource',
  severity: 'error',
  doc: 'A stack secret or config with no source docker stack deploy can read (file, external: true, or a secret driver), with both driver and file, or whose file does not exist.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, workspace, report }) {
    for (const kind of ['secrets', 'configs'] as const) {
      const section = compose.model[kind];
      if (!isJsonMap(section)) continue;
      const singular = kind.slice(0, -1);
      for (const [name, def] of Object.entries(section)) {
        if (!isJsonMap(def) || def.external === true || isJsonMap(def.external)) continue;
        const driver = kind === 'secrets' && typeof def.driver === 'string' && def.driver !== '';
        if (driver && def.file !== undefined) {
          report(rangeAt(compose, [kind, name, 'file'], 'key'), `${singular} ${name}: ${singular}.driver and ${singular}.file conflict; only use ${singular}.driver (docker/cli).`);
        } else if (driver) continue;
        else if (typeof def.file !== 'string' || def.file === '') {
          report(rangeAt(compose, [kind, name], 'key'), `${kind}.${name}: docker stack deploy needs file (read when deploying), external: true${kind === 'secrets' ? ' or driver' : ''}; environment and content are docker compose only.`);
        } else if (compose.path && !/^[a-z]+:\/\//i.test(def.file)) {
          const file = path.resolve(path.dirname(compose.path), def.file.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
          if (!workspace.exists(file)) report(rangeAt(compose, [kind, name, 'file']), `${kind}.${name}: file ${def.file} does not exist; docker stack deploy reads it when deploying and fails (open ${file}: no such file or directory).`);
        }
      }
    }
  },
};
