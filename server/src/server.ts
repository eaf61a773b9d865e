import * as path from 'node:path';
import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from './core/language';
import { normalizeSettings } from './core/settings';
import { uriToPath } from './core/source';
import { createRegistry } from './languages';
import { kustomizeGraph } from './kustomize/graph';
import { registerClusterFacts } from './lsp/cluster-facts';
import { registerComposeRequests } from './lsp/compose-requests';
import { registerDetectKindRequest } from './lsp/detect-kind-request';
import { registerHelmChartRequest, registerHelmRenderedRequest } from './lsp/helm-chart-request';
import { ClosedChartFiles, createChartRenders, serverEngine } from './lsp/helm-charts';
import { routeFeatures } from './lsp/features';
import { registerKubernetesRequests } from './lsp/kubernetes-requests';
import { registerKustomizeRequests } from './lsp/kustomize-requests';
import { closedBuiltFile, createKustomizeBuilds, publishBuilt, registerKustomizations } from './lsp/kustomizations';
import { CLUSTER_VERSION_NOTIFICATION, STATUS_NOTIFICATION, WORKSPACE_TRUST_NOTIFICATION, type ClusterVersionParams, type InitializationOptions, type StatusParams, type WorkspaceTrustParams } from '../../protocol';
import { ServerState } from './lsp/state';
import { ValidationScheduler } from './lsp/validation';
import { WorkspaceDiagnostics } from './lsp/workspace-diagnostics';
import { indexFile, indexWorkspace } from './lsp/workspace-index';
import { startupTimes, type StartupClock } from './lsp/startup-times';

/** The LSP connection: wires requests to the language services, nothing more. */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all), clock?: StartupClock): void {
  const startup = startupTimes(connection, clock);
  const state = new ServerState();
  // Incremental sync: the state sees each change's range, so a split file re-reads only what an edit touched.
  const documents = new TextDocuments<TextDocument>({ create: TextDocument.create, update: (document, changes, version) => state.update(document, changes, version) });
  const registry = createRegistry();
  const validation = new ValidationScheduler(connection, documents, state, registry);
  validation.onPublished(() => startup('firstPublish'));
  state.refresh = (uri) => {
    const document = documents.get(uri);
    if (document) validation.schedule(document);
  };
  const closedChartFiles = new ClosedChartFiles(connection, documents, state, registry, validation);
  const engine = serverEngine((line) => connection.console.info(line));
  const charts = createChartRenders((outcome) => closedChartFiles.rendered(outcome), engine.get);
  state.helm = charts;
  const kustomizations = createKustomizeBuilds(engine.get, (outcome) => publishBuilt(outcome, documents, state, validation, closedChartFiles));
  state.kustomize = kustomizations;
  connection.onShutdown(() => engine.dispose());
  let pullConfiguration = false;
  /** Workspace folders: their paths are indexed, and each has its own settings. */
  let folders: { uri: string; root: string }[] = [];
  let roots: string[] = [];
  let folderChanges = false;
  const folding = { lineFoldingOnly: false };

  let serverState: StatusParams['state'] = 'starting';
  let indexedFiles: number | undefined;
  const status = (params?: { state: StatusParams['state']; indexedFiles?: number }) => {
    if (params) ({ state: serverState, indexedFiles = indexedFiles } = params);
    void connection.sendNotification(STATUS_NOTIFICATION, {
      state: serverState,
      indexedFiles,
      kubernetesVersion: state.kubernetesVersion,
      kubernetesVersionSource: state.kubernetesVersionSource,
      folders: state.folderVersions,
      workspaceDiagnostics: workspaceDiagnostics.status(),
    } satisfies StatusParams);
  };
  const workspaceDiagnostics = new WorkspaceDiagnostics(connection, documents, state, registry, validation, () => status());

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    startup('initialize');
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    folding.lineFoldingOnly = !!params.capabilities.textDocument?.foldingRange?.lineFoldingOnly;
    const options = params.initializationOptions as InitializationOptions | undefined;
    if (options?.settings) state.settings = normalizeSettings(options.settings);
    state.trusted = options?.trusted !== false;
    folderChanges = !!params.capabilities.workspace?.workspaceFolders;
    setFolders(params.workspaceFolders ?? []);
    if (!folders.length && params.rootUri && uriToPath(params.rootUri)) setFolders([{ uri: params.rootUri }]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: [' ', ':', '-', '$', '{', '=', '/', '.'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentLinkProvider: { resolveProvider: false },
        semanticTokensProvider: {
          legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
          full: true,
        },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        // A multi-root workspace may resolve its folders after the extension host starts, and users add folders.
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'shipshape-language-server', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(async () => {
    startup('initialized');
    // Listening before the first awaits: a change sent meanwhile is not lost (the emitter does not buffer).
    if (folderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        setFolders((await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? []);
        await loadFolders();
      });
    }
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: ['shipshape', 'files.exclude'] }).catch(() => undefined);
    await loadFolders();
  });

  /** The folders' settings, their index, open files checked again, then the workspace pass over them. */
  async function loadFolders(): Promise<void> {
    if (pullConfiguration) await refreshSettings();
    status({ state: 'indexing' });
    const indexed = await indexWorkspace(roots, state, (message) => connection.console.info(message));
    validation.all();
    status({ state: 'ready', indexedFiles: indexed });
    // After the index, so the closed files' cross-file checks see the whole workspace.
    workspaceDiagnostics.restart();
  }

  function setFolders(list: readonly { uri: string }[]): void {
    folders = list.map((folder) => ({ uri: folder.uri, root: uriToPath(folder.uri) })).filter((folder) => folder.root);
    roots = folders.map((folder) => folder.root);
    state.workspace.configure({ roots, extraRoots: state.settings.files.readableFolders });
    workspaceDiagnostics.configure(folders);
  }

  /**
   * Pushed settings (an editor without workspace/configuration) are the only settings. Pulled ones come in one
   * request, as vscode-eslint's readConfiguration asks per resource: the section without a scope (files outside
   * every folder, machine-wide values), then each folder's with its scopeUri, so resource-scoped settings set
   * for one folder of a multi-root workspace apply to that folder's files. Pulled again on every change.
   */
  async function refreshSettings(pushed?: unknown): Promise<void> {
    if (pushed !== undefined) {
      state.settings = normalizeSettings(pushed);
      state.setFolderSettings([]);
    } else if (pullConfiguration) {
      const items = [{ section: 'shipshape' }, ...folders.map((folder) => ({ scopeUri: folder.uri, section: 'shipshape' }))];
      const sections: unknown[] = await connection.workspace.getConfiguration(items).catch(() => []);
      state.settings = normalizeSettings(sections[0]);
      state.setFolderSettings(folders.map((folder, i) => ({ ...folder, settings: normalizeSettings(sections[i + 1]) })));
      // VS Code's own files.exclude, per folder, for the workspace pass; asked apart, so a client that cannot
      // answer it still gives Shipshape's settings.
      const excludes: unknown[] = await connection.workspace.getConfiguration(folders.map((folder) => ({ scopeUri: folder.uri, section: 'files.exclude' }))).catch(() => []);
      workspaceDiagnostics.configure(folders.map((folder, i) => ({ ...folder, exclude: excludes[i] })));
    }
    state.workspace.configure({ extraRoots: state.settings.files.readableFolders });
    state.forgetAll();
  }

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { shipshape?: unknown } | null)?.shipshape;
    await refreshSettings(pullConfiguration ? undefined : (pushed ?? {}));
    validation.all();
    status({ state: 'ready' });
    workspaceDiagnostics.restart();
  });

  connection.onNotification(CLUSTER_VERSION_NOTIFICATION, (params: ClusterVersionParams) => {
    state.clusterVersion = params.version ?? undefined;
    state.forgetAll();
    validation.all();
    status({ state: 'ready' });
    workspaceDiagnostics.restart();
  });

  connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (params: WorkspaceTrustParams) => {
    state.trusted = params?.trusted === true;
    validation.all();
    workspaceDiagnostics.restart();
  });

  registerClusterFacts(connection, state, () => {
    validation.all();
    workspaceDiagnostics.restart();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      const refused = indexFile(filePath, state);
      if (refused) connection.console.info(refused);
      state.chartProbe.forget(path.dirname(filePath));
      charts.invalidate(filePath);
    }
    // A build reads files outside the kustomization's folder (../base): the graph says which roots read them.
    const graph = kustomizeGraph(state.workspace, undefined);
    const changed = changes.map((change) => uriToPath(change.uri)).filter(Boolean);
    kustomizations.invalidate((root) => changed.some((filePath) => graph.filesOf(root).has(filePath) || graph.filesOf(root).has(path.dirname(filePath))));
    validation.all();
    workspaceDiagnostics.changed(changes);
  });

  documents.onDidOpen(() => startup('firstOpen'));
  documents.onDidChangeContent(({ document }) => validation.schedule(document));
  documents.onDidClose(({ document }) => {
    validation.close(document, workspaceDiagnostics.closed(document.uri));
    closedChartFiles.closed(document);
    closedBuiltFile(document, state, closedChartFiles);
  });

  routeFeatures(connection, documents, state, registry, folding);
  registerComposeRequests(connection, documents, state, validation);
  registerKustomizations(documents, validation);
  registerKustomizeRequests(connection, state, engine.get);
  registerKubernetesRequests(connection);
  registerDetectKindRequest(connection, state);
  registerHelmChartRequest(connection, state);
  registerHelmRenderedRequest(connection, state);
  documents.listen(connection);
  connection.listen();
}

declare const SHIPSHAPE_VERSION: string | undefined;
const SERVER_VERSION = typeof SHIPSHAPE_VERSION === 'string' ? SHIPSHAPE_VERSION : 'dev';
