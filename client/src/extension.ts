import { loadedAt } from './activation-clock';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language/client';
import { registerStatusBar } from './language/status';
import { registerCompose } from './compose';
import { registerDocker } from './docker';
import { registerHelm } from './helm';
import { registerKubernetes } from './kubernetes';
import { clusterFactsSink } from './language/cluster-version';
import { registerTable } from './commands/register';
import { registerLanguageIds } from './language/language-ids';
import { registerWalkthrough } from './walkthrough';

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
  registerLanguageIds(context, client);
  const clusterFacts = clusterFactsSink(client);
  context.subscriptions.push(clusterFacts);
  registerCompose(context, client);
  registerHelm(context, client);
  const kubernetes = registerKubernetes(context, output, clusterFacts);
  registerDocker(context, output, kubernetes);
  registerWalkthrough(context);
  registerTable(context, {
    'shipshape.showOutput': async () => output.show(true),
    'shipshape.restartServer': async () => client?.restart(),
  }, { ctx: undefined, log: output, describe: (e) => (e instanceof Error ? e.message : String(e)) });
  // Started, not awaited: activation returns at once and diagnostics follow when the server is up.
  void client.start().catch((error: unknown) => output.appendLine(`Language server failed to start: ${String(error)}`));
  return { client, activationMs: performance.now() - loadedAt };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
