// The Docker part of the extension (its own bundle, dist/docker.js, with dockerode): the explorer, the
// Docker and Compose commands and read-only inspect documents, loaded on first use (parts/part.ts). The
// build CodeLens is the core's (build-lens.ts). registerDocker only creates objects: nothing talks to Docker
// until the view is shown or a command runs, and nothing at all in an untrusted workspace.
import * as vscode from 'vscode';
import type { Handler, PartCommand } from '../commands/catalog';
import { registerTable } from '../commands/register';
import type { KubernetesAccess } from '../kubernetes';
import { DockerTree, type DockerNode } from './tree';
import { DockerCommands, type BuildPreset } from './commands';
import { buildAndDeploy } from './deploy-command';
import { SwarmCommands } from './swarm-commands';
import type { ResolveImage } from './swarm-actions';
import type { LifecycleAction, RunSpec } from './containers';
import type { EngineState } from './events';
import type { RegistryCredentials } from './push';
import { markStep } from '../walkthrough';
import type { DockerHost } from '../parts/host';

/** What the core keeps of the loaded part. */
export interface DockerPart {
  tree: DockerTree;
}

export function registerDocker(host: DockerHost): DockerPart {
  const { context, log, view } = host;
  const tree = new DockerTree(log);
  context.subscriptions.push(
    host.tree.serve(tree),
    tree,
    view.onDidChangeVisibility((e) => e.visible && tree.ensureStarted()),
    // The explorer stays offline in an untrusted workspace; granting trust lets it connect.
    vscode.workspace.onDidGrantWorkspaceTrust(() => view.visible && tree.reconnect()),
  );
  // the reason is too long for a tree row in a narrow side bar: the view message wraps it in full
  tree.watcher.on('state', (s: EngineState) => {
    view.message = s.up ? undefined : `${s.reason} Shipshape reconnects by itself when the engine is back.`;
    if (s.up) markStep('dockerConnected');
  });
  const cmds = new DockerCommands(context, tree, log, host.previews);
  context.subscriptions.push(cmds.diagnostics, forgetDeleted(cmds.diagnostics));

  const swarm = new SwarmCommands(cmds, tree, log);
  registerTable(context, dockerCommands(cmds, swarm, tree, host.kubernetes), { ctx: cmds, log, describe: (err) => cmds.describeError(err) });
  context.subscriptions.push(host.inspect.serve({ provideTextDocumentContent: (uri) => cmds.inspectContent(uri) }));
  return { tree };
}

/** The Docker and Compose commands as a table (policies in commands/catalog.ts). */
function dockerCommands(cmds: DockerCommands, swarm: SwarmCommands, tree: DockerTree, kubernetes: () => KubernetesAccess): Record<PartCommand<'docker'>, Handler<DockerCommands>> {
  const lifecycle =
    (a: LifecycleAction): Handler<DockerCommands> =>
    (_, n) =>
      cmds.lifecycle(a, n as DockerNode | undefined);
  const compose =
    (c: 'up' | 'down' | 'ps' | 'logs' | 'restart'): Handler<DockerCommands> =>
    (_, a) =>
      cmds.compose(c, a instanceof vscode.Uri ? a : undefined, a instanceof vscode.Uri ? undefined : (a as DockerNode | undefined));
  return {
    'shipshape.docker.refresh': async () => tree.reconnect(),
    'shipshape.docker.build': (_, uri, target, preset) => cmds.build(uri instanceof vscode.Uri ? uri : undefined, target as string | undefined, preset as BuildPreset | undefined),
    'shipshape.docker.run': (_, n, spec) => cmds.run(n as DockerNode | undefined, spec as RunSpec | undefined),
    'shipshape.docker.logs': (_, n) => cmds.logs(n as DockerNode | undefined),
    'shipshape.docker.exec': (_, n) => cmds.exec(n as DockerNode | undefined),
    'shipshape.docker.start': lifecycle('start'),
    'shipshape.docker.stop': lifecycle('stop'),
    'shipshape.docker.restart': lifecycle('restart'),
    'shipshape.docker.remove': lifecycle('remove'),
    'shipshape.docker.removeImage': (_, n) => cmds.removeImage(n as DockerNode | undefined),
    'shipshape.docker.removeVolume': (_, n) => cmds.removeVolume(n as DockerNode | undefined),
    'shipshape.docker.removeNetwork': (_, n) => cmds.removeNetwork(n as DockerNode | undefined),
    'shipshape.docker.inspect': (_, n) => cmds.inspect(n as DockerNode | undefined),
    'shipshape.docker.prune': () => cmds.prune(),
    'shipshape.docker.push': (_, n, target, source) => cmds.push(n as DockerNode | undefined, target as string | undefined, source as string | undefined),
    'shipshape.docker.registryLogin': (_, registry, creds) => cmds.login(typeof registry === 'string' ? registry : undefined, creds as RegistryCredentials | undefined),
    'shipshape.docker.registryLogout': (_, registry) => cmds.logout(typeof registry === 'string' ? registry : undefined),
    'shipshape.docker.useContext': (_, n) => cmds.useContextCmd(n as DockerNode | undefined),
    'shipshape.compose.up': compose('up'),
    'shipshape.compose.down': compose('down'),
    'shipshape.compose.ps': compose('ps'),
    'shipshape.compose.logs': compose('logs'),
    'shipshape.compose.restart': compose('restart'),
    // from a tree row the arguments are rows; only tests and tasks give a preset (an object with the stack's name)
    'shipshape.swarm.deployStack': (_, uri, preset) => swarm.deploy(uri instanceof vscode.Uri ? uri : undefined, isDeployPreset(preset) ? preset : undefined),
    'shipshape.swarm.removeStack': (_, n) => swarm.remove(n as DockerNode | undefined),
    'shipshape.swarm.scaleService': (_, n, replicas) => swarm.scale(n as DockerNode | undefined, typeof replicas === 'number' ? replicas : undefined),
    'shipshape.swarm.updateImage': (_, n, image) => swarm.updateImage(n as DockerNode | undefined, typeof image === 'string' ? image : undefined),
    'shipshape.swarm.rollbackService': (_, n) => swarm.rollback(n as DockerNode | undefined),
    'shipshape.swarm.drainNode': (_, n) => swarm.availability(n as DockerNode | undefined, 'drain'),
    'shipshape.swarm.activateNode': (_, n) => swarm.availability(n as DockerNode | undefined, 'active'),
    'shipshape.swarm.serviceLogs': (_, n) => swarm.logs(n as DockerNode | undefined),
    'shipshape.buildAndDeploy': (_, uri) => buildAndDeploy(cmds, kubernetes(), uri instanceof vscode.Uri ? uri : undefined),
  };
}

function isDeployPreset(p: unknown): p is { name: string; prune?: boolean; withRegistryAuth?: boolean; resolveImage?: ResolveImage } {
  return typeof p === 'object' && p !== null && !Array.isArray(p) && typeof (p as { name?: unknown }).name === 'string';
}

/** A build error stays only while its Dockerfile exists: deleting the file (or its folder) clears it. */
function forgetDeleted(diagnostics: vscode.DiagnosticCollection): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  watcher.onDidDelete((gone) => {
    const prefix = gone.toString().replace(/\/?$/, '/');
    diagnostics.forEach((uri) => {
      if (uri.toString() === gone.toString() || uri.toString().startsWith(prefix)) diagnostics.delete(uri);
    });
  });
  return watcher;
}
