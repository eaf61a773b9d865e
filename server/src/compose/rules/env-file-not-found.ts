import * as path from 'node:path';
import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/** An env_file that does not exist (and is not `required: false`): docker compose refuses to load the project. */
export const envFileNotFoundRule: ComposeRule = {
  id: 'EnvFileNotFound',
  severity: 'error',
  doc: "A service's env_file does not exist; mark it `required: false` if it is optional.",
  appliesTo: 'enabled-services',
  check({ compose, project, workspace, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const entries = typeof def.env_file === 'string' ? [def.env_file] : Array.isArray(def.env_file) ? def.env_file : [];
      entries.forEach((entry, i) => {
        const relative = typeof entry === 'string' ? entry : isJsonMap(entry) && typeof entry.path === 'string' ? entry.path : undefined;
        if (!relative || (isJsonMap(entry) && (entry.required === false || entry.required === 'false'))) return;
        const target = path.resolve(project.dir, relative);
        if (workspace.exists(target)) return;
        const at = typeof def.env_file === 'string' ? ['services', name, 'env_file'] : typeof entry === 'string' ? ['services', name, 'env_file', i] : ['services', name, 'env_file', i, 'path'];
        report(rangeAt(compose, at), `env_file "${relative}" does not exist (${target}); create it or mark it "required: false".`);
      });
    }
  },
};
