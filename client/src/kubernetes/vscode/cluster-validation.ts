// Cluster-aware validation: a server-side dry run (dryRun=All, fieldValidation=Strict) of the current file
// on command or, when enabled, on save; and the cluster's custom kinds (from /openapi/v3, else its CRD list)
// handed to the language server on connect.
// Never on a keystroke: the API server is only asked when the user saves or asks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KubernetesLanguage } from '../../language/cluster-version';
import { clusterSchemas, dryRunManifest } from '../dry-run';
import { formatKubeError } from '../cluster/errors';
import type { ExplorerModel } from '../explorer/model';
import { dryRunsOnSave } from './dry-run-on-save';

export function registerClusterValidation(
  context: vscode.ExtensionContext,
  model: ExplorerModel,
  language: KubernetesLanguage,
  log: vscode.LogOutputChannel,
): {
  onConnected(context: string): void;
  /** The dry run on save, when the setting asks for it. */
  validateSaved(document: vscode.TextDocument): void;
  /** The handler of shipshape.k8s.validateOnCluster (registered with the command table). */
  validateCommand(uri?: vscode.Uri): Promise<number | undefined>;
} {
  const diagnostics = vscode.languages.createDiagnosticCollection('shipshape-cluster');

  async function validate(document: vscode.TextDocument, reportClean: boolean): Promise<number | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Shipshape does not contact clusters from an untrusted workspace.');
      return undefined;
    }
    const text = document.getText();
    const cluster = model.current;
    try {
      if (!(await language.objects(text)).length) {
        if (reportClean) void vscode.window.showInformationMessage('This file has no Kubernetes objects (apiVersion and kind) to dry-run.');
        return undefined;
      }
      await model.connect(cluster);
      const findings = await dryRunManifest(model.connection(cluster), language, text, model.namespaceOf(cluster));
      diagnostics.set(
        document.uri,
        findings.map((f) => {
          const item = new vscode.Diagnostic(
            new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
            f.message,
            f.severity === 1 ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
          );
          item.source = f.source;
          item.code = f.code;
          return item;
        }),
      );
      if (reportClean && findings.length === 0) void vscode.window.showInformationMessage(`The API server of ${cluster} accepts every object in this file (dry run).`);
      return findings.length;
    } catch (error) {
      const reason = formatKubeError(error);
      log.warn(`dry run of ${document.uri.fsPath} on ${cluster}: ${reason}`);
      if (reportClean) void vscode.window.showErrorMessage(`Dry run on ${cluster} failed: ${reason}`);
      return undefined;
    }
  }

  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidSaveTextDocument((document) => validateSaved(document)),
    // The server's verdict was about the saved text: an edit makes it stale.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length && diagnostics.has(event.document.uri)) diagnostics.delete(event.document.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
  );

  function validateSaved(document: vscode.TextDocument): void {
    if (dryRunsOnSave(document)) void validate(document, false);
  }

  return {
    validateSaved,
    async validateCommand(uri) {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document) return undefined;
      return validate(document, true);
    },
    onConnected(cluster) {
      // Cached per server version and document hash, so a reconnect to an unchanged cluster reads only the index.
      const cacheDir = path.join(context.globalStorageUri.fsPath, 'cluster-openapi');
      clusterSchemas(model.connection(cluster), language, { cacheDir })
        .then(({ params, openapi, fallbackReason }) => {
          const kinds = params.openapi?.reduce((n, gv) => n + gv.kinds.length, 0) ?? params.crds.length;
          if (openapi) {
            log.info(
              `Cluster schemas of ${cluster} from /openapi/v3: ${kinds} custom kinds in ${params.openapi?.length ?? 0} group-versions ` +
                `(${openapi.fetched.length} fetched, ${openapi.cached.length} cached, index ${openapi.indexMs} ms, total ${openapi.totalMs} ms).`,
            );
            for (const f of openapi.failed) log.warn(`Cluster schemas of ${cluster}: ${f.path} not read (${f.error}).`);
            for (const e of openapi.cacheErrors) log.warn(`Cluster schema cache not written: ${e}`);
          } else {
            log.info(`Cluster schemas of ${cluster} from its CRD list (${kinds} CRDs): ${fallbackReason}.`);
          }
          if (cluster === model.current) language.setClusterSchemas(params);
        })
        .catch((error: unknown) => log.info(`Cluster schemas of ${cluster} not read (${formatKubeError(error)}); bundled schemas stay in use.`));
    },
  };
}
