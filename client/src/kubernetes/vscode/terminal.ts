// An exec session as a VS Code terminal (Pseudoterminal): keystrokes go to the container, the
// terminal's size follows into the TTY, and the exit status is shown when the shell ends.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../cluster/connection';
import { ExecSession, type ExecTarget } from '../exec/exec';

export function execTerminal(conn: ClusterConnection, target: ExecTarget, command: string[], name: string): vscode.Terminal {
  const writeEmitter = new vscode.EventEmitter<string>();
  const closeEmitter = new vscode.EventEmitter<number | void>();
  let session: ExecSession | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: writeEmitter.event,
    onDidClose: closeEmitter.event,
    open: (dims) => {
      session = new ExecSession(conn, target, command, { columns: dims?.columns ?? 80, rows: dims?.rows ?? 24 });
      session.on('data', (d: string) => writeEmitter.fire(d));
      session.on('exit', (code: number, message?: string) => {
        writeEmitter.fire(`\r\n\x1b[2m[${command.join(' ')} exited with status ${code}${message && code !== 0 ? `: ${message}` : ''}]\x1b[0m\r\n`);
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
