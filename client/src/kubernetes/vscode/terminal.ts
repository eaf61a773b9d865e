// An exec session as a VS Code terminal (Pseudoterminal): keystrokes go to the container, the
// terminal's size follows into the TTY, and the exit status is shown when the shell ends.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../cluster/connection';
import { AttachSession, ExecSession, type ExecTarget } from '../exec/exec';

export function execTerminal(conn: ClusterConnection, target: ExecTarget, command: string[], name: string, attach?: { stdin: boolean; tty: boolean }): vscode.Terminal {
  const writeEmitter = new vscode.EventEmitter<string>();
  const closeEmitter = new vscode.EventEmitter<number | void>();
  let session: ExecSession | AttachSession | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: writeEmitter.event,
    onDidClose: closeEmitter.event,
    open: (dims) => {
      const size = { columns: dims?.columns ?? 80, rows: dims?.rows ?? 24 };
      session = attach ? new AttachSession(conn, target, attach, size) : new ExecSession(conn, target, command, size);
      // Without a TTY the process writes bare \n: the terminal needs \r\n.
      const raw = !!attach && !attach.tty;
      session.on('data', (d: string) => writeEmitter.fire(raw ? d.replace(/\r?\n/g, '\r\n') : d));
      if (attach && !attach.stdin) writeEmitter.fire('\x1b[2m[attached: output only, the container has no stdin]\x1b[0m\r\n');
      session.on('exit', (code: number, message?: string) => {
        writeEmitter.fire(`\r\n\x1b[2m[${attach ? 'detached' : `${command.join(' ')} exited with status ${code}`}${message && code !== 0 ? `: ${message}` : ''}]\x1b[0m\r\n`);
        closeEmitter.fire(code >= 0 ? code : 1);
      });
      session.start().catch((err: unknown) => {
        writeEmitter.fire(`\x1b[31mexec failed: ${err instanceof Error ? err.message : String(err)}\x1b[0m\r\n`);
        closeEmitter.fire(1);
      });
    },
    close: () => session?.close(),
    handleInput: (data) => session?.write(data),
    setDimensions: (dims) => session?.resize(dims.columns, dims.rows),
  };
  return vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('terminal') });
}
