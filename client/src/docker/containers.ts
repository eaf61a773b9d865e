// Container actions over dockerode: run from a spec, lifecycle, inspect, logs and exec sessions.
// Arguments stay arrays end to end: nothing here builds a command string for a shell.
import type Docker from 'dockerode';
import { PassThrough, type Duplex } from 'node:stream';

export interface RunSpec {
  image: string;
  name?: string;
  /** "8080:80", "127.0.0.1:8080:80", "8080:80/udp", "80" (ephemeral host port) */
  ports?: string[];
  /** "KEY=VALUE" */
  env?: string[];
  /** "/host/path:/container/path[:ro]" or "volume-name:/container/path" */
  volumes?: string[];
  /** argv; empty = the image's CMD */
  command?: string[];
  network?: string;
  autoRemove?: boolean;
  tty?: boolean;
  labels?: Record<string, string>;
}

export function parsePort(spec: string): { containerPort: string; binding: { HostIp?: string; HostPort: string } } {
  const m = /^(?:(?:\[([^\]]+)\]|(\d+\.\d+\.\d+\.\d+)):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(spec.trim());
  if (!m) throw new Error(`Bad port mapping "${spec}" (expected [ip:]hostPort:containerPort[/proto])`);
  const [, ip6, ip4, host, container, proto] = m;
  return { containerPort: `${container}/${proto ?? 'tcp'}`, binding: { ...(ip6 || ip4 ? { HostIp: ip6 || ip4 } : {}), HostPort: host ?? '' } };
}

export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort: string }>> = {};
  for (const p of spec.ports ?? []) {
    const { containerPort, binding } = parsePort(p);
    exposed[containerPort] = {};
    (bindings[containerPort] ??= []).push(binding);
  }
  for (const e of spec.env ?? []) if (!/^[^=\s]+=/.test(e)) throw new Error(`Bad environment entry "${e}" (expected KEY=VALUE)`);
  for (const v of spec.volumes ?? []) if (!/^[^:]+:\/[^:]*(:(ro|rw|z|Z)(,(ro|rw|z|Z))*)?$/.test(v)) throw new Error(`Bad volume "${v}" (expected source:/container/path[:ro])`);
  return {
    Image: spec.image,
    name: spec.name || undefined,
    Env: spec.env?.length ? spec.env : undefined,
    Cmd: spec.command?.length ? spec.command : undefined,
    Tty: spec.tty ?? false,
    OpenStdin: spec.tty ?? false,
    Labels: spec.labels,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    HostConfig: {
      PortBindings: Object.keys(bindings).length ? bindings : undefined,
      Binds: spec.volumes?.length ? spec.volumes : undefined,
      NetworkMode: spec.network || undefined,
      AutoRemove: spec.autoRemove ?? false,
    },
  };
}

export async function runContainer(docker: Docker, spec: RunSpec): Promise<Docker.Container> {
  const c = await docker.createContainer(toCreateOptions(spec));
  try {
    await c.start();
  } catch (err) {
    await c.remove({ force: true }).catch(() => {});
    throw err;
  }
  return c;
}

/**
 * Split what a person typed in a prompt into argv, honouring quotes and backslashes. This only
 * tokenizes; the result goes to the engine as an array, never through a shell.
 */
export function splitArgs(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | undefined;
  let have = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < input.length) cur += input[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      have = true;
    } else if (ch === '\\' && i + 1 < input.length) {
      cur += input[++i];
      have = true;
    } else if (/\s/.test(ch)) {
      if (have || cur) out.push(cur);
      cur = '';
      have = false;
    } else cur += ch;
  }
  if (quote) throw new Error('Unterminated quote');
  if (have || cur) out.push(cur);
  return out;
}

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'remove' | 'pause' | 'unpause' | 'kill';

export async function containerAction(docker: Docker, id: string, action: LifecycleAction): Promise<void> {
  const c = docker.getContainer(id);
  try {
    switch (action) {
      case 'start':
        return void (await c.start());
      case 'stop':
        return void (await c.stop());
      case 'restart':
        return void (await c.restart());
      case 'pause':
        return void (await c.pause());
      case 'unpause':
        return void (await c.unpause());
      case 'kill':
        return void (await c.kill());
      case 'remove':
        return void (await c.remove({ force: true, v: false }));
    }
  } catch (err) {
    // 304 = already in the wanted state (start a running one, stop a stopped one): not an error
    if ((err as { statusCode?: number }).statusCode === 304) return;
    throw err;
  }
}

/** Pretty JSON of any object's inspect, for a read-only document. */
export async function inspectJson(docker: Docker, kind: 'container' | 'image' | 'volume' | 'network', id: string): Promise<string> {
  const data = kind === 'container' ? await docker.getContainer(id).inspect() : kind === 'image' ? await docker.getImage(id).inspect() : kind === 'volume' ? await docker.getVolume(id).inspect() : await docker.getNetwork(id).inspect();
  return JSON.stringify(data, null, 2) + '\n';
}

export interface LogOptions {
  follow?: boolean;
  tail?: number | 'all';
  timestamps?: boolean;
}

/**
 * Stream a container's logs to `onText` (stdout and stderr, demultiplexed when the container has no TTY).
 * Resolves when the stream ends (immediately after the backlog unless follow). Abort with `signal`.
 */
export async function streamLogs(docker: Docker, id: string, opts: LogOptions, onText: (text: string, stream: 'stdout' | 'stderr') => void, signal?: AbortSignal): Promise<void> {
  const c = docker.getContainer(id);
  const info = await c.inspect();
  // `tail: 'all'` is what the API takes; the typings only know numbers
  const base = { stdout: true, stderr: true, timestamps: !!opts.timestamps, tail: (opts.tail ?? 'all') as number, abortSignal: signal };
  if (!opts.follow) {
    const buf = (await c.logs({ ...base, follow: false as const })) as unknown as Buffer;
    if (info.Config.Tty) onText(buf.toString('utf8'), 'stdout');
    else for (const f of demuxFrames(buf)) onText(f.text, f.stream);
    return;
  }
  const stream = (await c.logs({ ...base, follow: true as const })) as unknown as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    const done = () => resolve();
    if (info.Config.Tty) {
      stream.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stdout'));
    } else {
      const out = new PassThrough();
      const err = new PassThrough();
      out.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stdout'));
      err.on('data', (d: Buffer) => onText(d.toString('utf8'), 'stderr'));
      docker.modem.demuxStream(stream, out, err);
    }
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (e: Error) => (signal?.aborted ? resolve() : reject(e)));
    signal?.addEventListener('abort', () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      resolve();
    });
  });
}

/** Split a multiplexed (non-TTY) log/attach buffer into frames. */
export function demuxFrames(buf: Buffer): Array<{ stream: 'stdout' | 'stderr'; text: string }> {
  const out: Array<{ stream: 'stdout' | 'stderr'; text: string }> = [];
  for (let i = 0; i + 8 <= buf.length; ) {
    const len = buf.readUInt32BE(i + 4);
    out.push({ stream: buf[i] === 2 ? 'stderr' : 'stdout', text: buf.subarray(i + 8, i + 8 + len).toString('utf8') });
    i += 8 + len;
  }
  return out;
}

export interface ExecSession {
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): Promise<void>;
  /** resolves with the exit code when the process ends */
  exited: Promise<number | null>;
  close(): void;
}

/** Start an interactive exec with a TTY (for a terminal) and stream its output to onData. */
export async function startExec(docker: Docker, id: string, opts: { cmd: string[]; cols?: number; rows?: number; env?: string[]; user?: string; workdir?: string }, onData: (text: string) => void): Promise<ExecSession> {
  const exec = await docker.getContainer(id).exec({
    Cmd: opts.cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: opts.env,
    User: opts.user,
    WorkingDir: opts.workdir,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
  const resize = async (cols: number, rows: number) => {
    try {
      await exec.resize({ w: cols, h: rows });
    } catch {
      /* the process may have exited between events */
    }
  };
  if (opts.cols && opts.rows) await resize(opts.cols, opts.rows);
  stream.on('data', (d: Buffer) => onData(d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => {
    const finish = async () => {
      try {
        resolve((await exec.inspect()).ExitCode ?? null);
      } catch {
        resolve(null);
      }
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', () => resolve(null));
  });
  return {
    write: (data) => void stream.write(data),
    resize,
    exited,
    close: () => stream.destroy(),
  };
}
