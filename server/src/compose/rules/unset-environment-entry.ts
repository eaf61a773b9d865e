import * as path from 'node:path';
import { isJsonMap } from '../document';
import { parseDotenv } from '../dotenv';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/**
 * `environment: [NAME]` (or `NAME:` with no value) takes NAME from the environment docker compose runs in
 * (and .env); when neither has it and no env_file of the service sets it, the container does not get it.
 */
export const unsetEnvironmentEntryRule: ComposeRule = {
  id: 'UnsetEnvironmentEntry',
  severity: 'warning',
  doc: "An environment entry without a value that neither the environment, .env nor the service's env_file provides.",
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, project, workspace, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const env = def.environment;
      const entries: [string, (string | number)[]][] = [];
      if (Array.isArray(env)) env.forEach((e, i) => typeof e === 'string' && !e.includes('=') && entries.push([e, ['services', name, 'environment', i]]));
      else if (isJsonMap(env)) for (const [key, value] of Object.entries(env)) if (value === null) entries.push([key, ['services', name, 'environment', key]]);
      if (!entries.length) continue;
      const files = (typeof def.env_file === 'string' ? [def.env_file] : Array.isArray(def.env_file) ? def.env_file : [])
        .map((f) => (typeof f === 'string' ? f : isJsonMap(f) && typeof f.path === 'string' ? f.path : undefined))
        .filter((f): f is string => !!f)
        .map((f) => path.resolve(project.dir, f));
      const fromFiles = new Set<string>();
      for (const file of files) {
        const text = workspace.readFile(file);
        if (text !== undefined) for (const entry of parseDotenv(text, compose.env.lookup)) fromFiles.add(entry.name);
      }
      for (const [variable, at] of entries) {
        if (compose.env.lookup(variable) !== undefined || fromFiles.has(variable)) continue;
        const places = ['the environment', compose.env.dotenvPath, ...files].join(', ');
        report(rangeAt(compose, at, Array.isArray(env) ? 'value' : 'key'), `${variable} has no value here and none in ${places}: the container will not get it.`, { variable });
      }
    }
  },
};
