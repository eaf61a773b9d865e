import type { ComposeEnvironment } from '../environment';

/**
 * Where a stack file's variables come from: docker/cli's stack loader (cli/command/stack/loader,
 * GetConfigDetails → buildEnvironment(os.Environ())) reads the environment of the shell running
 * `docker stack deploy` and nothing else: no .env file, unlike `docker compose`.
 */
export function stackEnvironment(env: NodeJS.ProcessEnv = process.env): ComposeEnvironment {
  return {
    dotenvPath: '',
    dotenvExists: false,
    fingerprint: '',
    lookup: (name) => env[name],
    origin: (name) => (env[name] !== undefined ? 'environment' : undefined),
  };
}
