// The one door to the Docker engine. Everything in client/src/docker reaches dockerd through
// connectEngine(): the target comes from DOCKER_HOST, else the current Docker context
// (DOCKER_CONTEXT or ~/.docker/config.json "currentContext", resolved via ~/.docker/contexts/meta),
// else the platform default socket. No `vscode` import here, so node tests use it as-is.
import Docker from 'dockerode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readContext, currentContextName, dockerConfigDir } from './contexts';
import { checkHostKey, readKnownHosts } from './known-hosts';

export interface EngineTarget {
  /** Where the target came from, shown to the user in the explorer's engine node. */
  source: 'DOCKER_HOST' | 'context' | 'default';
  /** Docker context name ("default" when none is selected). */
  context: string;
  /** e.g. unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host */
  host: string;
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean };
}

export interface EngineEnv {
  env?: NodeJS.ProcessEnv;
  home?: string;
}

const DEFAULT_HOST = process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';

/** Work out which engine to talk to, the way the docker CLI does. */
export function resolveEngineTarget(opts: EngineEnv = {}): EngineTarget {
  const env = opts.env ?? process.env;
  const home = opts.home ?? os.homedir();
  if (env.DOCKER_HOST) {
    const certDir = env.DOCKER_CERT_PATH || path.join(dockerConfigDir(env, home));
    const tlsWanted = !!env.DOCKER_TLS_VERIFY || !!env.DOCKER_TLS;
    return {
      source: 'DOCKER_HOST',
      context: 'default',
      host: env.DOCKER_HOST,
      tls: tlsWanted ? readTlsDir(certDir, !!env.DOCKER_TLS_VERIFY) : undefined,
    };
  }
  const name = currentContextName(env, home);
  if (name !== 'default') {
    const ctx = readContext(name, env, home);
    if (!ctx) throw new Error(`Docker context "${name}" is selected but ~/.docker/contexts has no metadata for it`);
    if (ctx.host) return { source: 'context', context: name, host: ctx.host, tls: ctx.tls };
  }
  return { source: 'default', context: 'default', host: DEFAULT_HOST };
}

function readTlsDir(dir: string, verify: boolean): EngineTarget['tls'] {
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f)) : undefined);
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify };
}

/** Why the last SSH connection to host:port was refused (ssh2 only says "verification failed"). */
const lastSshRejection = new Map<string, string>();

export function isSshRejection(err: unknown): boolean {
  return /verification failed|Host denied/i.test(err instanceof Error ? err.message : String(err));
}

/** dockerode options for a target; throws with a clear message for unsupported schemes. */
export function dockerodeOptions(t: EngineTarget, opts: { home?: string } = {}): Docker.DockerOptions {
  const u = t.host;
  if (u.startsWith('unix://')) return { socketPath: u.slice('unix://'.length) };
  if (u.startsWith('npipe://')) return { socketPath: u.slice('npipe://'.length).replace(/\//g, '\\') };
  const url = new URL(u);
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const https = url.protocol === 'https:' || !!t.tls;
    return {
      host: url.hostname,
      port: Number(url.port || (https ? 2376 : 2375)),
      protocol: https ? 'https' : 'http',
      ...(t.tls ? { ca: t.tls.ca, cert: t.tls.cert, key: t.tls.key } : {}),
    };
  }
  if (url.protocol === 'ssh:') {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 22);
    return {
      protocol: 'ssh',
      host,
      port,
      username: url.username || undefined,
      sshOptions: {
        agent: process.env.SSH_AUTH_SOCK,
        // As ssh does: the host's key must be in known_hosts, read at each connection.
        hostVerifier: (key: Buffer) => {
          const verdict = checkHostKey(readKnownHosts(opts.home), host, port, key);
          if (!verdict.ok) lastSshRejection.set(`${host}:${port}`, verdict.message);
          return verdict.ok;
        },
      },
    } as Docker.DockerOptions;
  }
  throw new Error(`Unsupported Docker host "${u}" (expected unix://, npipe://, tcp:// or ssh://)`);
}

export interface Engine {
  docker: Docker;
  target: EngineTarget;
}

/** Build a client for the current target. Does no I/O against the engine: callers ping when they need to. */
export function connectEngine(opts: EngineEnv = {}): Engine {
  const target = resolveEngineTarget(opts);
  return { docker: new Docker(dockerodeOptions(target, { home: opts.home })), target };
}

/** Turn a connection failure into one line that says what is wrong and what to do. */
export function describeEngineError(err: unknown, target: EngineTarget): string {
  const e = err as NodeJS.ErrnoException & { statusCode?: number; address?: string };
  const where = target.host.startsWith('unix://') ? `socket ${target.host.slice(7)}` : target.host;
  const via = target.source === 'DOCKER_HOST' ? ' (from DOCKER_HOST)' : target.source === 'context' ? ` (context "${target.context}")` : '';
  switch (e?.code) {
    case 'ENOENT':
      return `No Docker engine: ${where}${via} does not exist. Is dockerd running?`;
    case 'ECONNREFUSED':
      return `Docker engine refused the connection at ${where}${via}. Is dockerd running?`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied on ${where}${via}. Add your user to the "docker" group (then log in again) or use a rootless engine.`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EPIPE':
      return `Lost the connection to the Docker engine at ${where}${via} (${e.code}).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve the Docker host in ${where}${via}.`;
  }
  const msg = e instanceof Error ? e.message : String(err);
  if (isSshRejection(err) && target.host.startsWith('ssh://')) {
    const url = new URL(target.host);
    return lastSshRejection.get(`${url.hostname.replace(/^\[|\]$/g, '')}:${Number(url.port || 22)}`) ?? `The SSH host key of ${target.host} was not accepted (see ~/.ssh/known_hosts).`;
  }
  // TLS setups fail in three ways; say which and what fixes it
  if (/HTTP request to an HTTPS server/i.test(msg)) {
    return `Docker engine at ${where}${via} expects TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a folder with ca.pem, cert.pem and key.pem (or use a context that has them).`;
  }
  if (/bad certificate|certificate required|alert number 4[26]/i.test(msg)) {
    return `Docker engine at ${where}${via} rejected the client certificate: cert.pem and key.pem in DOCKER_CERT_PATH must be signed by the engine's CA.`;
  }
  if (/unable to verify|self[- ]signed certificate|UNABLE_TO_VERIFY|CERT_|altnames/i.test(`${msg} ${e?.code ?? ''}`)) {
    return `Cannot verify the TLS certificate of the Docker engine at ${where}${via} (${msg}): ca.pem in DOCKER_CERT_PATH must be the CA that signed it.`;
  }
  return `Docker engine at ${where}${via} is not usable: ${msg}`;
}

/** Ping with a short timeout; resolves to null when up, else the reason it is down. */
export async function engineDownReason(engine: Engine, timeoutMs = 3000): Promise<string | null> {
  try {
    await withTimeout(engine.docker.ping(), timeoutMs, 'ETIMEDOUT');
    return null;
  } catch (err) {
    return describeEngineError(err, engine.target);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, code: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code })), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
