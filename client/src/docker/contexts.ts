// Docker contexts as the docker CLI stores them: ~/.docker/contexts/meta/<sha256(name)>/meta.json
// (endpoint host), ~/.docker/contexts/tls/<sha256(name)>/docker/*.pem, and the selected one in
// ~/.docker/config.json "currentContext". DOCKER_CONFIG moves ~/.docker; DOCKER_CONTEXT overrides.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface DockerContext {
  name: string;
  description?: string;
  host?: string;
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean };
}

export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG || path.join(home, '.docker');
}

function readConfig(env: NodeJS.ProcessEnv, home: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(path.join(dockerConfigDir(env, home), 'config.json'), 'utf8'));
  } catch {
    return {};
  }
}

export function currentContextName(env: NodeJS.ProcessEnv, home: string): string {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  const c = readConfig(env, home).currentContext;
  return typeof c === 'string' && c ? c : 'default';
}

const digest = (name: string) => crypto.createHash('sha256').update(name).digest('hex');

export function readContext(name: string, env: NodeJS.ProcessEnv, home: string): DockerContext | undefined {
  const base = path.join(dockerConfigDir(env, home), 'contexts');
  const metaFile = path.join(base, 'meta', digest(name), 'meta.json');
  let meta: { Name?: string; Metadata?: { Description?: string }; Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } } };
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  } catch {
    return undefined;
  }
  const ep = meta.Endpoints?.docker;
  const tlsDir = path.join(base, 'tls', digest(name), 'docker');
  let tls: DockerContext['tls'];
  if (fs.existsSync(tlsDir)) {
    const read = (f: string) => (fs.existsSync(path.join(tlsDir, f)) ? fs.readFileSync(path.join(tlsDir, f)) : undefined);
    tls = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: !ep?.SkipTLSVerify };
  }
  return { name: meta.Name ?? name, description: meta.Metadata?.Description, host: ep?.Host, tls };
}

/** All contexts, "default" first (it has no metadata file: it is DOCKER_HOST or the platform socket). */
export function listContexts(env: NodeJS.ProcessEnv, home: string): DockerContext[] {
  const out: DockerContext[] = [{ name: 'default', description: 'Current DOCKER_HOST based configuration' }];
  const metaDir = path.join(dockerConfigDir(env, home), 'contexts', 'meta');
  let dirs: string[] = [];
  try {
    dirs = fs.readdirSync(metaDir);
  } catch {
    return out;
  }
  for (const d of dirs) {
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(metaDir, d, 'meta.json'), 'utf8'));
      if (typeof meta.Name === 'string' && meta.Name !== 'default') {
        const c = readContext(meta.Name, env, home);
        if (c) out.push(c);
      }
    } catch {
      /* a half-written context is skipped, as the CLI does */
    }
  }
  return out.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Select a context the way `docker context use` does: rewrite only "currentContext" in config.json. */
export function useContext(name: string, env: NodeJS.ProcessEnv, home: string): void {
  if (name !== 'default' && !readContext(name, env, home)) throw new Error(`No Docker context named "${name}"`);
  const dir = dockerConfigDir(env, home);
  const file = path.join(dir, 'config.json');
  let cfg: Record<string, unknown> = {};
  if (fs.existsSync(file)) cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (name === 'default') delete cfg.currentContext;
  else cfg.currentContext = name;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cfg, null, '\t') + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Create a context with the layout of `docker context create` (meta.json, and TLS material copied
 * from `tlsDir`'s ca.pem/cert.pem/key.pem when given).
 */
export function createContext(name: string, host: string, env: NodeJS.ProcessEnv, home: string, description = '', tlsDir?: string): void {
  const base = path.join(dockerConfigDir(env, home), 'contexts');
  const dir = path.join(base, 'meta', digest(name));
  fs.mkdirSync(dir, { recursive: true });
  const meta = { Name: name, Metadata: { Description: description }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } };
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta));
  if (tlsDir) {
    const out = path.join(base, 'tls', digest(name), 'docker');
    fs.mkdirSync(out, { recursive: true, mode: 0o700 });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) {
      if (fs.existsSync(path.join(tlsDir, f))) fs.copyFileSync(path.join(tlsDir, f), path.join(out, f));
    }
  }
}
