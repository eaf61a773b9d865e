// Registers a feature's command table with VS Code through the catalog's gate: the one place commands
// are registered, so trust, refusal messages and error reporting are applied to every one of them.
import * as vscode from 'vscode';
import { COMMANDS, gated, type CommandId, type Handler } from './catalog';

export interface TableOptions<C> {
  ctx: C;
  log?: vscode.OutputChannel;
  /** One line for an error a handler threw (each door has its own wording). */
  describe(error: unknown): string;
}

/** Registers every handler of `table` (typed so each catalog entry of the feature has exactly one). */
export function registerTable<C, K extends CommandId>(context: vscode.ExtensionContext, table: Record<K, Handler<C>>, opts: TableOptions<C>): void {
  const gate = {
    trusted: () => vscode.workspace.isTrusted,
    refuse: (message: string) => void vscode.window.showWarningMessage(message),
    fail: (title: string, error: unknown) => {
      const message = opts.describe(error);
      opts.log?.appendLine(`${title}: ${message}`);
      void vscode.window.showErrorMessage(`Shipshape: ${title}: ${message}`);
    },
  };
  for (const id of Object.keys(table) as K[]) {
    if (!(id in COMMANDS)) throw new Error(`${id} is not in the command catalog`);
    context.subscriptions.push(vscode.commands.registerCommand(id, gated(id, table[id], opts.ctx, gate)));
  }
}

/**
 * Registers each of a part's commands as a stub: the first call loads the part (`load` disposes the stubs
 * and the part registers the real commands, in one synchronous step) and then runs the real command with
 * the same arguments. Returns the stubs, for `load` to dispose.
 */
export function registerStubs(ids: readonly CommandId[], load: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    ...ids.map((id) =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    ),
  );
}
