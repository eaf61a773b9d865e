// Docker in VS Code: the explorer, commands, the build CodeLens and read-only inspect documents.
// registerDocker only creates objects: nothing talks to Docker until the view is shown or a command runs.
import * as vscode from 'vscode';
import { DockerTree, type DockerNode } from './tree';
import { DockerCommands, INSPECT_SCHEME, type BuildPreset } from './commands';
import { buildAndDeploy } from './deploy-command';
import type { LifecycleAction, RunSpec } from './containers';
import type { EngineState } from './events';
import type { RegistryCredentials } from './push';
import { markStep } from '../walkthrough';

export function registerDocker(context: vscode.ExtensionContext, log: vscode.OutputChannel): void {
  const tree = new DockerTree(log);
  const view = vscode.window.createTreeView('shipshape.docker', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(
    tree,
    view,
    view.onDidChangeVisibility((e) => e.visible && tree.ensureStarted()),
  );
  // the reason is too long for a tree row in a narrow side bar: the view message wraps it in full
  tree.watcher.on('state', (s: EngineState) => {
    view.message = s.up ? undefined : `${s.reason} Shipshape reconnects by itself when the engine is back.`;
    if (s.up) markStep('dockerConnected');
  });
  const cmds = new DockerCommands(context, tree, log);
  context.subscriptions.push(cmds.diagnostics);

  const reg = (id: string, name: string, fn: (...args: never[]) => Promise<unknown>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, cmds.guard(name, fn as (...a: unknown[]) => Promise<unknown>)));
  reg('shipshape.docker.refresh', 'Refresh', async () => tree.reconnect());
  reg('shipshape.docker.build', 'Build', (uri?: vscode.Uri, target?: string, preset?: BuildPreset) => cmds.build(uri instanceof vscode.Uri ? uri : undefined, target, preset));
  reg('shipshape.docker.run', 'Run', (n?: DockerNode, spec?: RunSpec) => cmds.run(n, spec));
  reg('shipshape.docker.logs', 'Logs', (n?: DockerNode) => cmds.logs(n));
  reg('shipshape.docker.exec', 'Exec', (n?: DockerNode) => cmds.exec(n));
  for (const a of ['start', 'stop', 'restart', 'remove'] as LifecycleAction[]) reg(`shipshape.docker.${a}`, a, (n?: DockerNode) => cmds.lifecycle(a, n));
  reg('shipshape.docker.removeImage', 'Remove image', (n?: DockerNode) => cmds.removeImage(n));
  reg('shipshape.docker.removeVolume', 'Remove volume', (n?: DockerNode) => cmds.removeVolume(n));
  reg('shipshape.docker.removeNetwork', 'Remove network', (n?: DockerNode) => cmds.removeNetwork(n));
  reg('shipshape.docker.inspect', 'Inspect', (n?: DockerNode) => cmds.inspect(n));
  reg('shipshape.docker.prune', 'Prune', () => cmds.prune());
  reg('shipshape.docker.push', 'Push', (n?: DockerNode, target?: string, source?: string) => cmds.push(n, target, source));
  reg('shipshape.docker.registryLogin', 'Registry login', (registry?: string, creds?: RegistryCredentials) => cmds.login(typeof registry === 'string' ? registry : undefined, creds));
  reg('shipshape.docker.registryLogout', 'Registry logout', (registry?: string) => cmds.logout(typeof registry === 'string' ? registry : undefined));
  reg('shipshape.docker.useContext', 'Use context', (n?: DockerNode) => cmds.useContextCmd(n));
  for (const c of ['up', 'down', 'ps', 'logs', 'restart'] as const) {
    reg(`shipshape.compose.${c}`, `compose ${c}`, (a?: vscode.Uri | DockerNode) => cmds.compose(c, a instanceof vscode.Uri ? a : undefined, a instanceof vscode.Uri ? undefined : a));
  }
  reg('shipshape.buildAndDeploy', 'Build and Deploy', (uri?: vscode.Uri) => buildAndDeploy(cmds, uri instanceof vscode.Uri ? uri : undefined));

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, { provideTextDocumentContent: (uri) => cmds.inspectContent(uri) }),
    vscode.languages.registerCodeLensProvider({ language: 'dockerfile' }, { provideCodeLenses: fromLenses }),
  );
}

/** "Build image" above each FROM; a named stage gets its own target. Pure text scan: no I/O. */
function fromLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  for (let i = 0; i < doc.lineCount; i++) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*\S+(?:\s+AS\s+(\S+))?/i.exec(doc.lineAt(i).text);
    if (!m) continue;
    const range = new vscode.Range(i, 0, i, 0);
    lenses.push(new vscode.CodeLens(range, { title: m[1] ? `$(play) Build stage ${m[1]}` : '$(play) Build image', command: 'shipshape.docker.build', arguments: [doc.uri, m[1]] }));
  }
  return lenses;
}
