import * as path from 'node:path';
import type { Workspace } from '../core/workspace';
import { parseDotenv } from './dotenv';
import type { Lookup } from './interpolation';

/** Where interpolation values come from, as `docker compose` sees them: the process environment, then `.env`. */
export interface ComposeEnvironment {
  lookup: Lookup;
  /** The .env file of the project folder (whether or not it exists). */
  dotenvPath: string;
  dotenvExists: boolean;
  /** Changes when the .env text changes, so cached analyses are redone. */
  fingerprint: string;
  /** Where a variable's value comes from: 'environment', the .env path, or undefined when unset. */
  origin(name: string): string | undefined;
}

export function composeEnvironment(projectDir: string, workspace: Workspace, env: NodeJS.ProcessEnv = process.env): ComposeEnvironment {
  const dotenvPath = path.join(projectDir, '.env');
  const text = workspace.readFile(dotenvPath);
  const fromProcess: Lookup = (name) => env[name];
  const dotenv = new Map<string, string>();
  if (text !== undefined) for (const entry of parseDotenv(text, fromProcess)) dotenv.set(entry.name, entry.value);
  return {
    dotenvPath,
    dotenvExists: text !== undefined,
    fingerprint: text ?? '',
    lookup: (name) => env[name] ?? dotenv.get(name),
    origin: (name) => (env[name] !== undefined ? 'environment' : dotenv.has(name) ? dotenvPath : undefined),
  };
}
