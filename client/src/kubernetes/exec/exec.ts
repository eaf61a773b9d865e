// Commands and interactive shells in a container. A shell is picked by trying what the container
// has (bash, then sh; powershell, then cmd on Windows nodes) instead of always running sh. The TTY
// follows the terminal's size through client-node's resize channel (stream 4), which it drives from
// a stdout stream that has columns/rows and emits 'resize'.
import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { Attach, Exec, type V1Status } from '@kubernetes/client-node';
import type { ClusterConnection } from '../cluster/connection';
import type { KubeObject } from '../resources/types';

export interface ExecTarget {
  namespace: string;
  pod: string;
  container: string;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  status: V1Status;
}

export const LINUX_SHELLS = ['bash', 'sh'] as const;
export const WINDOWS_SHELLS = ['powershell', 'cmd'] as const;

/** Exit code from the status frame the API server sends when the process ends. */
export function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const code = status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  if (code !== undefined && /^\d+$/.test(code)) return Number(code);
  // Some runtimes (kwok's local exec among them) only say it in the message: "…: exit status 7".
  const inMessage = /exit (?:status|code) (\d+)\s*$/.exec(status.message ?? '');
  if (inMessage) return Number(inMessage[1]);
  // Not started at all (executable not found, container not running…).
  return -1;
}

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    }),
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** Runs a command to completion (no TTY). On a timeout the websocket is closed, not left open. */
export async function runCommand(conn: ClusterConnection, t: ExecTarget, command: string[], timeoutMs = 30_000, hooks: { onSocket?: (ws: { close(): void; readyState?: number }) => void } = {}): Promise<CommandResult> {
  await conn.ready();
  const out = sink();
  const err = sink();
  let socket: { close(): void } | undefined;
  let timedOut = false;
  const status = await new Promise<V1Status>((resolve, reject) => {
    const timer = setTimeout(() => {
      timedOut = true;
      socket?.close();
      reject(new Error(`exec ${command.join(' ')} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    new Exec(conn.kc)
      .exec(t.namespace, t.pod, t.container, command, out.stream, err.stream, null, false, (s) => {
        clearTimeout(timer);
        resolve(s);
      })
      .then((ws) => {
        socket = ws;
        hooks.onSocket?.(ws);
        // The socket arrived after the deadline: nobody waits for it.
        if (timedOut) ws.close();
        ws.on('close', () => setTimeout(() => reject(new Error('exec connection closed without a status')), 500));
      })
      .catch((e: unknown) => {
        clearTimeout(timer);
        reject(e);
      });
  });
  // The status frame may overtake the last output frame.
  await new Promise((r) => setTimeout(r, 50));
  socket?.close();
  return { exitCode: exitCodeOf(status), stdout: out.text(), stderr: err.text(), status };
}

/** Whether the pod runs on a Windows node: pod.spec.os, its nodeSelector, else the node's label. */
export async function isWindowsPod(conn: ClusterConnection, pod: KubeObject): Promise<boolean> {
  if (pod.spec?.os?.name) return pod.spec.os.name === 'windows';
  if (pod.spec?.nodeSelector?.['kubernetes.io/os']) return pod.spec.nodeSelector['kubernetes.io/os'] === 'windows';
  if (!pod.spec?.nodeName) return false;
  try {
    const node = await conn.json<KubeObject>(`/api/v1/nodes/${encodeURIComponent(pod.spec.nodeName)}`);
    return node.metadata.labels?.['kubernetes.io/os'] === 'windows';
  } catch {
    return false; // RBAC-limited users often cannot read nodes
  }
}

const PROBE: Record<string, string[]> = {
  bash: ['bash', '-c', 'exit 0'],
  sh: ['sh', '-c', 'exit 0'],
  powershell: ['powershell', '-NoProfile', '-Command', 'exit 0'],
  cmd: ['cmd', '/c', 'exit 0'],
};

/** The first shell of `candidates` that starts in the container. */
export async function detectShell(conn: ClusterConnection, t: ExecTarget, candidates: readonly string[]): Promise<string> {
  const tried: string[] = [];
  for (const shell of candidates) {
    try {
      const r = await runCommand(conn, t, PROBE[shell] ?? [shell, '-c', 'exit 0'], 10_000);
      if (r.exitCode === 0) return shell;
      tried.push(`${shell}: ${r.status.message ?? `exit ${r.exitCode}`}`);
    } catch (err) {
      tried.push(`${shell}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`No shell found in ${t.pod}/${t.container} (tried ${tried.join('; ')})`);
}

/** stdout with a size, so client-node sends resize frames when it changes. */
class TerminalOutput extends PassThrough {
  columns: number;
  rows: number;
  constructor(cols: number, rows: number) {
    super();
    this.columns = cols;
    this.rows = rows;
  }
  setSize(cols: number, rows: number): void {
    this.columns = cols;
    this.rows = rows;
    this.emit('resize');
  }
}

/**
 * An interactive process with a TTY. Events: 'data' (string), 'exit' (code, message).
 * With tty the API server merges stderr into stdout.
 */
export class ExecSession extends EventEmitter {
  private readonly input = new PassThrough();
  private output: TerminalOutput;
  private closed = false;
  private socket: { close(): void } | undefined;
  exitCode: number | undefined;

  constructor(
    private readonly conn: ClusterConnection,
    readonly target: ExecTarget,
    readonly command: string[],
    size: { columns: number; rows: number } = { columns: 80, rows: 24 },
  ) {
    super();
    this.output = new TerminalOutput(size.columns, size.rows);
    this.output.on('data', (d: Buffer) => this.emit('data', d.toString('utf8')));
  }

  async start(): Promise<void> {
    await this.conn.ready();
    const ws = await new Exec(this.conn.kc).exec(this.target.namespace, this.target.pod, this.target.container, this.command, this.output, null, this.input, true, (status) => {
      this.exitCode = exitCodeOf(status);
      this.finish(this.exitCode, status.message);
    });
    this.socket = ws;
    ws.on('close', () => this.finish(this.exitCode ?? -1, this.exitCode === undefined ? 'connection closed' : undefined));
    // Send the initial size: client-node only sends on 'resize'.
    this.output.setSize(this.output.columns, this.output.rows);
  }

  write(data: string): void {
    if (!this.closed) this.input.write(data);
  }

  resize(columns: number, rows: number): void {
    if (!this.closed) this.output.setSize(columns, rows);
  }

  /** Ends the session and its connection: closing the terminal must not leave the websocket open. */
  close(): void {
    this.input.end();
    this.socket?.close();
    this.finish(this.exitCode ?? -1, 'closed');
  }

  private finish(code: number, message?: string): void {
    if (this.closed) return;
    this.closed = true;
    // Let pending output through before announcing the exit.
    setTimeout(() => this.emit('exit', code, message), 50);
  }
}

/**
 * Attach to the container's main process: its output from now on and, when the container was
 * created with stdin (and tty), your input. Events: 'data' (string), 'exit' (code, message).
 */
export class AttachSession extends EventEmitter {
  private readonly input = new PassThrough();
  private output: TerminalOutput;
  private errors = new PassThrough();
  private closed = false;
  private socket: { close(): void } | undefined;

  constructor(
    private readonly conn: ClusterConnection,
    readonly target: ExecTarget,
    readonly io: { stdin: boolean; tty: boolean },
    size: { columns: number; rows: number } = { columns: 80, rows: 24 },
  ) {
    super();
    this.output = new TerminalOutput(size.columns, size.rows);
    const emit = (d: Buffer) => this.emit('data', d.toString('utf8'));
    this.output.on('data', emit);
    this.errors.on('data', emit);
  }

  /** stdin/tty as the container spec allows them (the API server refuses more). */
  static ioFor(pod: KubeObject, container: string): { stdin: boolean; tty: boolean } {
    const c = (pod.spec?.containers ?? []).find((x: { name: string }) => x.name === container) ?? {};
    return { stdin: !!c.stdin, tty: !!c.tty && !!c.stdin };
  }

  async start(): Promise<void> {
    await this.conn.ready();
    const ws = await new Attach(this.conn.kc).attach(this.target.namespace, this.target.pod, this.target.container, this.output, this.io.tty ? null : this.errors, this.io.stdin ? this.input : null, this.io.tty);
    this.socket = ws;
    ws.on('close', () => this.finish(0, 'detached'));
  }

  write(data: string): void {
    if (!this.closed && this.io.stdin) this.input.write(data);
  }

  resize(columns: number, rows: number): void {
    if (!this.closed && this.io.tty) this.output.setSize(columns, rows);
  }

  /** Detaches: the container keeps running, the connection is closed. */
  close(): void {
    this.input.end();
    this.socket?.close();
    this.finish(0, 'detached');
  }

  private finish(code: number, message?: string): void {
    if (this.closed) return;
    this.closed = true;
    setTimeout(() => this.emit('exit', code, message), 50);
  }
}
