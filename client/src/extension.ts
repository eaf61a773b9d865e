import { loadedAt } from './activation-clock';
// Second: starts the language server on the turn after the bundle evaluates (language/prestart.ts).
import { prestartFork } from './language/prestart';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language/client';
import { registerStatusBar } from './language/status';
import { registerCompose } from './compose';
import { registerKustomize } from './kustomize';
import { registerHelm } from './helm';
import { clusterFactsSink } from './language/cluster-version';
import { registerTable } from './commands/register';
import { registerLanguageIds } from './language/language-ids';
import { registerWalkthrough } from './walkthrough';
import { registerBuildLens } from './docker/build-lens';
import { PREVIEW_SCHEME, PreviewDocuments } from './preview';
import { registerParts } from './parts';
import { dryRunsOnSave } from './kubernetes/vscode/dry-run-on-save';

/** Bundle evaluated: everything above was loaded. */
const evaluatedAt = performance.now();

let client: LanguageClient | undefined;

/** Where activation's time went, in milliseconds (performance.now() of the extension host). */
export interface ActivationClock {
  /** The loader's first statement ran (main.ts, the package's entry, which then loads this bundle). */
  loadedAt: number;
  /** The bundle finished evaluating. */
  evaluatedAt: number;
  /** VS Code called activate(): after the bundle and the ExtensionContext, which VS Code builds in parallel. */
  activateAt: number;
  /** activate() returned. */
  returnedAt: number;
  /** The first file's problems were handed to VS Code (its diagnostic collection), and which file. */
  firstDiagnostics?: { at: number; uri: string };
  /** The server's early fork() call, started and returned (language/prestart.ts); unset if activate() came first. */
  serverFork?: { start: number; end: number };
}

export interface ShipshapeApi {
  client: LanguageClient;
  /** Milliseconds of the extension's own activation: its bundle's evaluation plus activate()'s body (not VS Code's wait in between). */
  activationMs: number;
  clock: ActivationClock;
  /** Milliseconds each part took to load, once it has. */
  partLoadMs(): { kubernetes?: number; docker?: number };
}

/**
 * Registers each feature in one line. Nothing here waits on the network, a cluster or Docker, and the
 * Kubernetes and Docker parts are not loaded: their commands are stubs and their views lazy until first used.
 */
export function activate(context: vscode.ExtensionContext, loaderStart = loadedAt): ShipshapeApi {
  const activateAt = performance.now();
  const output = vscode.window.createOutputChannel('Shipshape', { log: true });
  context.subscriptions.push(output);
  const clock: ActivationClock = { loadedAt: loaderStart, evaluatedAt, activateAt, returnedAt: Number.NaN };
  client = createLanguageClient(context, output, (uri) => {
    clock.firstDiagnostics = { at: performance.now(), uri: uri.toString() };
  });
  registerStatusBar(context, client);
  registerLanguageIds(context, client);
  const clusterFacts = clusterFactsSink(client);
  const previews = new PreviewDocuments();
  context.subscriptions.push(
    clusterFacts,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme === PREVIEW_SCHEME && previews.forget(doc.uri)),
  );
  registerCompose(context, client);
  registerKustomize(context, client);
  registerHelm(context, client);
  registerBuildLens(context);
  const parts = registerParts(context, output, clusterFacts, previews);
  // A save that asks for a cluster dry run loads the Kubernetes part; once loaded, the part's own listener runs them.
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!parts.kubernetes.loaded && dryRunsOnSave(document)) parts.kubernetes.get().validateSaved(document);
    }),
  );
  registerWalkthrough(context);
  registerTable(
    context,
    {
      'shipshape.showOutput': async () => output.show(true),
      'shipshape.restartServer': async () => client?.restart(),
    },
    { ctx: undefined, log: output, describe: (e) => (e instanceof Error ? e.message : String(e)) },
  );
  // Started, not awaited: activation returns at once and diagnostics follow when the server is up.
  void client.start().catch((error: unknown) => output.appendLine(`Language server failed to start: ${String(error)}`));
  clock.serverFork = prestartFork();
  clock.returnedAt = performance.now();
  return {
    client,
    activationMs: evaluatedAt - loaderStart + (clock.returnedAt - activateAt),
    clock,
    partLoadMs: () => ({ kubernetes: parts.kubernetes.loadMs, docker: parts.docker.loadMs }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
