// Tag and push images through the engine, with registry credentials passed per call (the vscode
// layer keeps them in SecretStorage; nothing is written to ~/.docker/config.json or settings).
import type Docker from 'dockerode';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface ImageRef {
  registry: string; // "docker.io" when none is given
  repository: string; // "library/nginx", "team/app"
  tag?: string;
  digest?: string;
}

/** Parse "host:5000/team/app:1", "app", "app@sha256:..." the way the docker CLI does. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  // the first part is a registry host when it has a dot, a port, or is localhost
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    return { registry: first, repository: rest.slice(slash + 1), tag, digest };
  }
  return { registry: 'docker.io', repository: slash >= 0 ? rest : `library/${rest}`, tag, digest };
}

export function formatImageRef(r: ImageRef): string {
  const repo = r.registry === 'docker.io' ? r.repository.replace(/^library\//, '') : `${r.registry}/${r.repository}`;
  return `${repo}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

function authconfig(registry: string, creds?: RegistryCredentials): Record<string, string> | undefined {
  if (!creds) return undefined;
  const serveraddress = registry === 'docker.io' ? 'https://index.docker.io/v1/' : registry;
  return { username: creds.username, password: creds.password, serveraddress };
}

/** Check credentials against the registry through the engine (POST /auth), like `docker login`. */
export async function checkLogin(docker: Docker, registry: string, creds: RegistryCredentials): Promise<void> {
  await docker.checkAuth(authconfig(registry, creds)!);
}

export async function tagImage(docker: Docker, source: string, target: string): Promise<void> {
  const r = parseImageRef(target);
  const repo = formatImageRef({ ...r, tag: undefined, digest: undefined });
  await docker.getImage(source).tag({ repo, tag: r.tag ?? 'latest' });
}

type Progress = { status?: string; progress?: string; id?: string; error?: string; errorDetail?: { message?: string }; aux?: { Digest?: string } };

function follow(docker: Docker, stream: NodeJS.ReadableStream, onOutput?: (line: string) => void): Promise<{ digest?: string }> {
  let digest: string | undefined;
  let error: string | undefined;
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err) => {
        if (err) reject(err);
        else if (error) reject(new Error(error));
        else resolve({ digest });
      },
      (ev: Progress) => {
        if (ev.error) error = ev.errorDetail?.message || ev.error;
        if (ev.aux?.Digest) digest = ev.aux.Digest;
        const line = ev.error ?? `${ev.id ? `${ev.id}: ` : ''}${ev.status ?? ''}${ev.progress ? ` ${ev.progress}` : ''}`;
        if (line.trim()) onOutput?.(line);
      },
    );
  });
}

/** Push `ref` (must already be tagged for its registry). Resolves with the pushed digest. */
export async function pushImage(docker: Docker, ref: string, creds?: RegistryCredentials, onOutput?: (line: string) => void): Promise<{ digest?: string }> {
  const r = parseImageRef(ref);
  const name = formatImageRef({ ...r, tag: undefined, digest: undefined });
  const stream = await docker.getImage(name).push({ tag: r.tag ?? 'latest', authconfig: authconfig(r.registry, creds) } as never);
  return follow(docker, stream as unknown as NodeJS.ReadableStream, onOutput);
}

export async function pullImage(docker: Docker, ref: string, creds?: RegistryCredentials, onOutput?: (line: string) => void): Promise<void> {
  const r = parseImageRef(ref);
  const stream = await docker.pull(formatImageRef(r.tag || r.digest ? r : { ...r, tag: 'latest' }), { authconfig: authconfig(r.registry, creds) });
  await follow(docker, stream, onOutput);
}
