// The Kubernetes part of the extension (its own bundle, dist/kubernetes.js, with @kubernetes/client-node):
// loaded on first use, when the explorer is shown, one of its commands runs or one of its documents is read
// (parts/part.ts). Loading only reads kubeconfig files: no cluster is contacted until the explorer asks or a
// command runs, and in an untrusted workspace none is contacted at all (no credential plugin, no token
// helper, no request).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { kubeconfigPaths, loadKubeconfigs, type LoadedKubeconfig } from './cluster/kubeconfig';
import { ExplorerModel } from './explorer/model';
import type { PortForwarder } from './portforward/forwarder';
import { registerCommands } from './vscode/commands';
import { createChangeDoor } from './vscode/change-prompts';
import type { ChangeDoor } from './change/door';
import { LOG_SCHEME, LogDocuments } from './vscode/logs';
import { ObjectFileSystem } from './vscode/documents';
import { registerContextStatus } from './vscode/status-bar';
import { registerClusterValidation } from './vscode/cluster-validation';
import { config } from '../config';
import type { KubernetesHost } from '../parts/host';
import { KubernetesTree } from './vscode/tree';
import { markStep } from '../walkthrough';

function load(log: vscode.LogOutputChannel): LoadedKubeconfig {
  const extra = config.kubeconfigs();
  const loaded = loadKubeconfigs(kubeconfigPaths({ extra }));
  for (const s of loaded.sources) if (s.error && s.error !== 'file not found') log.warn(`kubeconfig ${s.file}: ${s.error}`);
  for (const s of loaded.shadowed) log.info(`kubeconfig: ${s} ignored (an earlier file defines the same name)`);
  return loaded;
}

/** What other features need of the Kubernetes one: the explorer's choice of context and the change door. */
export interface KubernetesAccess {
  model: ExplorerModel;
  door: ChangeDoor;
}

/** What the core asks of the loaded part. */
export interface KubernetesPart {
  access: KubernetesAccess;
  /** The dry run on save, for the save that loaded the part (its own listener sees the ones after). */
  validateSaved(document: vscode.TextDocument): void;
}

export function registerKubernetes(host: KubernetesHost): KubernetesPart {
  const { context, log, language, view, previews } = host;
  // Mutable: granting trust later allows connections (and plugins) made after that.
  const policy = { allowPlugins: vscode.workspace.isTrusted, allowNetwork: vscode.workspace.isTrusted };
  const model = new ExplorerModel(load(log), {
    policy,
    onConnected: (ctx, version) => {
      log.info(`Kubernetes: connected to ${ctx} (v${version})`);
      markStep('clusterConnected');
      if (ctx !== model.current) return;
      language.setClusterVersion(version);
      clusterValidation.onConnected(ctx);
    },
  });
  const clusterValidation = registerClusterValidation(context, model, language, log);
  const door = createChangeDoor(model, previews);
  const forwards: PortForwarder[] = [];
  const tree = new KubernetesTree(model, () => forwards);
  const logs = new LogDocuments();
  // With no contexts the tree is empty and its welcome content says what to do (a view message would
  // hide it); the files that were read go to the log.
  const showEmptyState = () => {
    const reason = model.noContextsReason();
    if (reason) log.info(`Kubernetes: ${reason}`);
    void vscode.commands.executeCommand('setContext', 'shipshape.k8s.noContexts', !!reason);
  };
  showEmptyState();

  const reload = () => {
    model.reload(load(log));
    language.setClusterVersion(null);
    language.setClusterSchemas({ context: null, crds: [] });
    showEmptyState();
    tree.refresh();
    watchFiles();
  };
  // Kubeconfig files change under us (cloud CLIs add contexts, tokens rotate): reload, debounced.
  let watchers: fs.FSWatcher[] = [];
  let reloadTimer: NodeJS.Timeout | undefined;
  const watchFiles = () => {
    for (const w of watchers) w.close();
    watchers = model.loaded.sources
      .filter((s) => !s.error || s.error === 'file not found')
      .flatMap((s) => {
        try {
          // The folder, not the file: editors and CLIs replace files by renaming.
          return [
            fs.watch(path.dirname(s.file), (_event, name) => {
              if (name && path.join(path.dirname(s.file), name.toString()) !== s.file) return;
              clearTimeout(reloadTimer);
              reloadTimer = setTimeout(reload, 500);
            }),
          ];
        } catch {
          return [];
        }
      });
  };
  watchFiles();
  let lastContext = model.current;
  model.on('change', () => {
    if (model.current === lastContext) return;
    lastContext = model.current;
    // The language server follows the new context once it connects.
    language.setClusterVersion(null);
    language.setClusterSchemas({ context: null, crds: [] });
    if (view.visible && vscode.workspace.isTrusted) void model.connect().catch(() => undefined);
  });

  context.subscriptions.push(
    host.tree.serve(tree),
    tree,
    logs,
    host.objects.serve(new ObjectFileSystem(model, door, previews)),
    host.logs.serve(logs),
    vscode.workspace.onDidCloseTextDocument((doc) => doc.uri.scheme === LOG_SCHEME && logs.close(doc.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => config.affects(e, 'kubeconfigs') && reload()),
    // Trust granted: credential plugins may run now, so connections are rebuilt.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      policy.allowPlugins = true;
      policy.allowNetwork = true;
      model.reload(load(log));
      tree.refresh();
    }),
    { dispose: () => forwards.forEach((f) => f.stop()) },
    { dispose: () => (watchers.forEach((w) => w.close()), clearTimeout(reloadTimer)) },
    { dispose: () => model.dispose() },
  );
  registerCommands(
    context,
    { model, tree, logs, forwards, log, door, previews },
    {
      'shipshape.k8s.internal.reload': async () => reload(),
      'shipshape.k8s.validateOnCluster': (_, uri) => clusterValidation.validateCommand(uri as vscode.Uri | undefined),
    },
  );
  registerContextStatus(context, model);
  return { access: { model, door }, validateSaved: (document) => clusterValidation.validateSaved(document) };
}
