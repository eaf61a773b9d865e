// Build an image through the engine API (dockerode), streaming progress to a callback and, on
// failure, locating the failing Dockerfile instruction. The context is sent as a tar of the files
// that .dockerignore keeps, like the docker CLI does.
import type Docker from 'dockerode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import dockerignore from '@balena/dockerignore';
import * as tarFs from 'tar-fs';
import { decodeTrace, TraceRenderer } from './buildkit-trace';
import { locateBuildError, cleanMessage, type BuildErrorLocation } from './build-errors';
import { TailBuffer } from './tail-buffer';

/** What a failed build keeps of its output to find the failing line: the end (1 MB), not all of it. */
const KEPT_OUTPUT = 1024 * 1024;

/**
 * Refuses a build context outside `root` (the workspace folder): a repository's settings must not send
 * the home folder to the engine. Symlinks are resolved first, so a link out of the tree is outside too.
 */
export function checkContextInside(contextDir: string, root: string): string {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      throw new Error(`The build context ${p} does not exist`);
    }
  };
  const ctx = real(contextDir);
  const top = real(root);
  const rel = path.relative(top, ctx);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new Error(`The build context ${contextDir} is outside the workspace folder ${root}; Shipshape only sends folders of the workspace to the engine.`);
  }
  return ctx;
}

export interface BuildOptions {
  contextDir: string;
  /** absolute path of the Dockerfile; must be inside contextDir */
  dockerfile: string;
  tags?: string[];
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  labels?: Record<string, string>;
  /** `auto` (default): BuildKit when the engine supports it */
  builder?: Builder;
  /** network for RUN steps (docker build --network) */
  network?: string;
}

export type BuildResult = { ok: true; imageId: string; tags: string[] } | { ok: false; message: string; location?: BuildErrorLocation; output: string };

/** Files of the build context after .dockerignore (Dockerfile-specific `<name>.dockerignore` first). */
export function contextFiles(contextDir: string, dockerfile: string): string[] {
  const rel = toPosix(path.relative(contextDir, dockerfile));
  const specific = `${dockerfile}.dockerignore`;
  const ignoreFile = fs.existsSync(specific) ? specific : path.join(contextDir, '.dockerignore');
  const ig = dockerignore({ ignorecase: false });
  if (fs.existsSync(ignoreFile)) ig.add(fs.readFileSync(ignoreFile, 'utf8'));
  const out: string[] = [];
  const walk = (dirRel: string) => {
    const abs = path.join(contextDir, dirRel);
    for (const ent of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = dirRel ? `${dirRel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) {
        // a directory can be ignored while an exception ("!dir/keep") brings back a file in it,
        // so only skip whole directories when no exception rule exists
        if (ig.ignores(r) && !hasExceptions(ignoreFile)) continue;
        walk(r);
      } else if (!ig.ignores(r)) {
        out.push(r);
      }
    }
  };
  walk('');
  // the builder always needs the Dockerfile and .dockerignore, even when ignored
  for (const must of [rel, '.dockerignore']) if (fs.existsSync(path.join(contextDir, must)) && !out.includes(must)) out.push(must);
  return out;
}

function hasExceptions(ignoreFile: string): boolean {
  return fs.existsSync(ignoreFile) && /^\s*!/m.test(fs.readFileSync(ignoreFile, 'utf8'));
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export type Builder = 'auto' | 'buildkit' | 'classic';

/**
 * BuildKit when the engine has it (API >= 1.39 on Linux) unless DOCKER_BUILDKIT=0 says otherwise,
 * like the docker CLI; the classic builder otherwise.
 */
export async function chooseBuilder(docker: Docker, pref: Builder = 'auto', env: NodeJS.ProcessEnv = process.env): Promise<'buildkit' | 'classic'> {
  if (pref !== 'auto') return pref;
  if (env.DOCKER_BUILDKIT === '0') return 'classic';
  try {
    const v = await docker.version();
    const [maj, min] = String(v.ApiVersion).split('.').map(Number);
    return v.Os !== 'windows' && (maj > 1 || (maj === 1 && min >= 39)) ? 'buildkit' : 'classic';
  } catch {
    return 'classic';
  }
}

interface BuildEvent {
  id?: string;
  stream?: string;
  status?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: unknown;
}

export async function buildImage(docker: Docker, opts: BuildOptions, onOutput: (text: string) => void, signal?: AbortSignal): Promise<BuildResult> {
  const rel = toPosix(path.relative(opts.contextDir, opts.dockerfile));
  if (rel.startsWith('../') || path.isAbsolute(rel)) {
    throw new Error(`The Dockerfile ${opts.dockerfile} is outside the build context ${opts.contextDir}`);
  }
  const dockerfileText = fs.readFileSync(opts.dockerfile, 'utf8');
  const src = contextFiles(opts.contextDir, opts.dockerfile);
  const builder = await chooseBuilder(docker, opts.builder);
  const query: Record<string, unknown> = {
    dockerfile: rel,
    t: opts.tags?.length ? opts.tags : undefined,
    target: opts.target || undefined,
    buildargs: opts.buildArgs,
    nocache: opts.noCache || undefined,
    pull: opts.pull ? 'true' : undefined,
    labels: opts.labels,
    networkmode: opts.network || undefined,
    rm: true,
    // a failed classic step leaves its container behind unless forced; nobody wants those in the explorer
    forcerm: true,
    version: builder === 'buildkit' ? '2' : '1',
  };
  for (const k of Object.keys(query)) if (query[k] === undefined) delete query[k];
  let stream: NodeJS.ReadableStream;
  try {
    // dialled directly (not docker.buildImage): dockerode's BuildKit path opens a gRPC session that
    // loads .proto files from disk, which a bundled extension does not have; a tar context needs none
    stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: tarFs.pack(opts.contextDir, { entries: src }),
          options: query,
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        } as never,
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as NodeJS.ReadableStream)),
      ),
    );
  } catch (err) {
    // the engine rejects a Dockerfile it cannot parse before any step runs (HTTP 400)
    const e = err as { statusCode?: number; json?: { message?: string } | null; message?: string };
    if (e.statusCode !== 400) throw err;
    const msg = e.json?.message ?? String(e.message).replace(/^\(HTTP code \d+\) [\w ]+ - /, '');
    onOutput(`${msg}\n`);
    return { ok: false, message: cleanMessage(msg), location: locateBuildError('', msg, dockerfileText), output: msg };
  }
  const output = new TailBuffer(KEPT_OUTPUT);
  let imageId = '';
  let error: string | undefined;
  const trace = new TraceRenderer();
  const emit = (t: string) => {
    output.push(t);
    onOutput(t);
  };
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err) => (err ? reject(err) : resolve()),
      (ev: BuildEvent) => {
        if (ev.id === 'moby.buildkit.trace' && typeof ev.aux === 'string') {
          try {
            emit(trace.render(decodeTrace(ev.aux)));
          } catch {
            /* an unreadable progress record only costs us that line */
          }
        } else if (ev.id === 'moby.image.id') {
          imageId = (ev.aux as { ID?: string })?.ID ?? imageId;
        } else if (ev.stream) {
          emit(ev.stream);
        } else if (ev.status) {
          onOutput(`${ev.status}${ev.progress ? ` ${ev.progress}` : ''}\n`);
        }
        if (!ev.id && (ev.aux as { ID?: string } | undefined)?.ID) imageId = (ev.aux as { ID: string }).ID;
        if (ev.error) {
          error = ev.errorDetail?.message || ev.error;
          onOutput(`${error}\n`);
        }
      },
    );
  });
  const text = output.text();
  if (error !== undefined) {
    return { ok: false, message: cleanMessage(error), location: locateBuildError(text, error, dockerfileText, trace.failed?.name), output: text };
  }
  if (!imageId) {
    const m = /Successfully built ([0-9a-f]+)/.exec(text.slice(-4096));
    if (m) imageId = m[1];
  }
  return { ok: true, imageId, tags: opts.tags ?? [] };
}

/** "A=1 B=two" or lines of KEY=VALUE -> record; a bare KEY takes its value from the environment, as docker does. */
export function parseBuildArgs(lines: string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of lines) {
    const s = raw.trim();
    if (!s) continue;
    const eq = s.indexOf('=');
    if (eq < 0) {
      if (env[s] !== undefined) out[s] = env[s]!;
    } else out[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return out;
}

/** Stage names (FROM ... AS name) in order, for the target prompt. */
export function buildStages(dockerfileText: string): string[] {
  return [...dockerfileText.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
}
