import { loadedAt } from './activation-clock';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language/client';
import { registerStatusBar } from './language/status';
import { registerCompose } from './compose';
import { registerDocker } from './docker';
import { registerKubernetes } from './kubernetes';
import { clusterFactsSink } from './language/cluster-version';
import { registerLanguageIds } from './language/language-ids';

let client: LanguageClient | undefined;

export interface ShipshapeApi {
  client: LanguageClient;
  /** Milliseconds from bundle evaluation to the end of activate(); read by the e2e suite and the bench. */
  activationMs: number;
}

/** Registers each feature in one line. Nothing here waits on the network, a cluster or Docker. */
export function activate(context: vscode.ExtensionContext): ShipshapeApi {
  const output = vscode.window.createOutputChannel('Shipshape', { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  registerStatusBar(context, client);
  registerLanguageIds(context);
  const clusterFacts = clusterFactsSink(client);
  context.subscriptions.push(clusterFacts);
  registerCompose(context, client);
  registerDocker(context, output);
  registerKubernetes(context, output, clusterFacts);
  context.subscriptions.push(
    vscode.commands.registerCommand('shipshape.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('shipshape.restartServer', () => client?.restart()),
  );
  // Started, not awaited: activation returns at once and diagnostics follow when the server is up.
  void client.start().catch((error: unknown) => output.appendLine(`Language server failed to start: ${String(error)}`));
  return { client, activationMs: performance.now() - loadedAt };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
