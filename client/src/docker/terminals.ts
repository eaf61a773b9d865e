// Terminals for Docker work: a read-only progress terminal (build, push, compose, logs) and an
// interactive exec terminal whose size follows the panel (TTY resize).
import * as vscode from 'vscode';
import type Docker from 'dockerode';
import { startExec, type ExecSession } from './containers';
import { TailBuffer } from './tail-buffer';

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

/** A terminal that shows streamed output; closing it aborts the work via `signal`. */
export class OutputTerminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private readonly opened: Promise<void>;
  /** Output written before the terminal opened: its last megabyte (a build can start writing first). */
  private pending = new TailBuffer(1024 * 1024);
  private isOpen = false;
  private readonly abort = new AbortController();
  readonly terminal: vscode.Terminal;

  constructor(name: string) {
    let ready!: () => void;
    this.opened = new Promise((r) => (ready = r));
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      onDidClose: this.closeEmitter.event,
      open: () => {
        this.isOpen = true;
        const early = this.pending.text();
        if (early) this.writeEmitter.fire(early);
        this.pending = new TailBuffer(0);
        ready();
      },
      close: () => this.abort.abort(),
      handleInput: (data) => {
        if (data === '\x03') this.abort.abort(); // Ctrl+C stops following
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('package') });
    this.terminal.show(true);
    void this.opened;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  write(text: string): void {
    const t = crlf(text);
    if (this.isOpen) this.writeEmitter.fire(t);
    else this.pending.push(t);
  }

  line(text: string): void {
    this.write(`${text}\n`);
  }

  /** Leave the terminal open with a closing line (the user reads the result). */
  finish(ok: boolean, text: string): void {
    this.write(`\n\x1b[${ok ? 32 : 31}m${text}\x1b[0m\n`);
  }
}

/** An interactive `docker exec` with a TTY. */
export function openExecTerminal(docker: Docker, containerId: string, containerName: string, cmd: string[], log: vscode.OutputChannel): vscode.Terminal {
  const writeEmitter = new vscode.EventEmitter<string>();
  const closeEmitter = new vscode.EventEmitter<number | void>();
  let session: ExecSession | undefined;
  // keys typed (or sendText) and size changes that arrive while the exec is still starting
  const early: string[] = [];
  let dims: vscode.TerminalDimensions | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: writeEmitter.event,
    onDidClose: closeEmitter.event,
    open: async (initial) => {
      dims ??= initial;
      try {
        session = await startExec(docker, containerId, { cmd, cols: dims?.columns, rows: dims?.rows }, (t) => writeEmitter.fire(t));
        if (dims) void session.resize(dims.columns, dims.rows); // the panel may have changed size meanwhile
        for (const d of early.splice(0)) session.write(d);
        const code = await session.exited;
        writeEmitter.fire(`\r\n[process exited with code ${code ?? '?'}]\r\n`);
        closeEmitter.fire(code ?? undefined);
      } catch (err) {
        log.appendLine(`exec in ${containerName} failed: ${(err as Error).message}`);
        writeEmitter.fire(`\x1b[31m${(err as Error).message}\x1b[0m\r\n`);
      }
    },
    close: () => session?.close(),
    handleInput: (data) => (session ? session.write(data) : early.push(data)),
    setDimensions: (d) => {
      dims = d;
      void session?.resize(d.columns, d.rows);
    },
  };
  const term = vscode.window.createTerminal({ name: `${containerName}: ${cmd.join(' ')}`, pty, iconPath: new vscode.ThemeIcon('terminal') });
  term.show();
  return term;
}
