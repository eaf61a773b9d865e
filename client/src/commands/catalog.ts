// Every command Shipshape registers, as data: what it reaches and whether it changes anything. The
// registration (commands/register.ts) applies the policy, so a handler never checks trust itself and a
// new command cannot forget to (rust-analyzer's createCommands is the model). No `vscode` import: the
// unit tests hold package.json against this table.

/** What a command touches beyond the editor. */
export type Reach = 'cluster' | 'engine' | 'process' | 'files';

export interface CommandPolicy {
  /** Shown in errors and refusals. */
  title: string;
  /** Refused in an untrusted workspace (needed for any reach). */
  trust: boolean;
  reaches: readonly Reach[];
  /** Changes cluster objects or engine state: the cluster's changes go through the change door. */
  mutates: boolean;
  /** Not in package.json's contributes.commands: called by tree rows, code lenses or other commands. */
  internal?: boolean;
}

const local = (title: string, internal = false): CommandPolicy => ({ title, trust: false, reaches: [], mutates: false, internal });
const read = (title: string, ...reaches: Reach[]): CommandPolicy => ({ title, trust: true, reaches, mutates: false });
const change = (title: string, ...reaches: Reach[]): CommandPolicy => ({ title, trust: true, reaches, mutates: true });

export const COMMANDS = {
  'shipshape.showOutput': local('Show log'),
  'shipshape.restartServer': local('Restart language server'),
  'shipshape.compose.showEffectiveConfig': local('Effective configuration'),
  // Asks the language server, whose engine builds the kustomization offline: nothing else runs.
  'shipshape.kustomize.showBuiltManifest': local('Built manifest'),
  // Writes a workspace folder setting the server reads; nothing runs.
  'shipshape.helm.chooseValues': local('Choose Helm values files'),
  // Asks the language server for its render of the chart: the engine it runs anyway, nothing else.
  'shipshape.helm.showRendered': local('Show rendered Helm manifest'),

  'shipshape.docker.refresh': read('Refresh', 'engine'),
  'shipshape.docker.build': change('Build', 'engine', 'files'),
  'shipshape.docker.run': change('Run', 'engine'),
  'shipshape.docker.logs': read('Logs', 'engine'),
  'shipshape.docker.exec': change('Exec', 'engine'),
  'shipshape.docker.start': change('Start', 'engine'),
  'shipshape.docker.stop': change('Stop', 'engine'),
  'shipshape.docker.restart': change('Restart', 'engine'),
  'shipshape.docker.remove': change('Remove', 'engine'),
  'shipshape.docker.removeImage': change('Remove image', 'engine'),
  'shipshape.docker.removeVolume': change('Remove volume', 'engine'),
  'shipshape.docker.removeNetwork': change('Remove network', 'engine'),
  'shipshape.docker.inspect': read('Inspect', 'engine'),
  'shipshape.docker.prune': change('Prune', 'engine'),
  'shipshape.docker.push': change('Push', 'engine'),
  'shipshape.docker.registryLogin': change('Registry login', 'engine'),
  'shipshape.docker.registryLogout': change('Registry logout', 'engine'),
  'shipshape.docker.useContext': change('Use context', 'engine', 'files'),
  'shipshape.compose.up': change('compose up', 'process', 'engine'),
  'shipshape.compose.down': change('compose down', 'process', 'engine'),
  'shipshape.compose.ps': read('compose ps', 'process', 'engine'),
  'shipshape.compose.logs': read('compose logs', 'process', 'engine'),
  'shipshape.compose.restart': change('compose restart', 'process', 'engine'),
  'shipshape.buildAndDeploy': change('Build and Deploy', 'engine', 'cluster', 'files'),
  // runs the docker CLI's `docker stack deploy` (swarm-actions.ts says why)
  'shipshape.swarm.deployStack': change('Deploy stack', 'process', 'engine', 'files'),
  'shipshape.swarm.removeStack': change('Remove stack', 'engine'),
  'shipshape.swarm.scaleService': change('Scale service', 'engine'),
  'shipshape.swarm.updateImage': change('Update service image', 'engine'),
  'shipshape.swarm.rollbackService': change('Roll back service', 'engine'),
  'shipshape.swarm.drainNode': change('Drain node', 'engine'),
  'shipshape.swarm.activateNode': change('Activate node', 'engine'),
  'shipshape.swarm.serviceLogs': read('Service logs', 'engine'),

  'shipshape.k8s.refresh': read('Refresh', 'cluster'),
  // Only picks the explorer's context; connecting afterwards is the explorer's, gated on trust there.
  'shipshape.k8s.switchContext': local('Switch context'),
  'shipshape.k8s.selectNamespace': read('Select namespace', 'cluster'),
  'shipshape.k8s.reloadKubeconfig': local('Reload kubeconfig'),
  // Picks a file and adds it to a machine setting; connecting to it is the explorer's, gated there.
  'shipshape.k8s.addKubeconfig': local('Add kubeconfig file'),
  'shipshape.k8s.internal.reload': local('Reload kubeconfig', true),
  'shipshape.k8s.showMore': { ...read('Show more', 'cluster'), internal: true },
  'shipshape.k8s.describe': read('Describe', 'cluster'),
  'shipshape.k8s.viewYaml': read('View YAML', 'cluster'),
  'shipshape.k8s.viewYamlFull': read('View YAML with managed fields', 'cluster'),
  'shipshape.k8s.edit': read('Edit live', 'cluster'),
  'shipshape.k8s.revealSecret': read('Reveal Secret value', 'cluster'),
  'shipshape.k8s.apply': change('Apply', 'cluster'),
  'shipshape.k8s.dryRun': read('Dry-run apply', 'cluster'),
  'shipshape.k8s.delete': change('Delete', 'cluster'),
  'shipshape.k8s.scale': change('Scale', 'cluster'),
  'shipshape.k8s.rolloutRestart': change('Rollout restart', 'cluster'),
  'shipshape.k8s.rolloutUndo': change('Rollout undo', 'cluster'),
  'shipshape.k8s.setImage': change('Set image', 'cluster'),
  'shipshape.k8s.cordon': change('Cordon', 'cluster'),
  'shipshape.k8s.uncordon': change('Uncordon', 'cluster'),
  'shipshape.k8s.logs': read('Logs', 'cluster'),
  'shipshape.k8s.workloadLogs': read('Logs of all pods', 'cluster'),
  'shipshape.k8s.filterLogs': local('Filter logs'),
  'shipshape.k8s.exec': change('Open shell', 'cluster'),
  'shipshape.k8s.attach': change('Attach', 'cluster'),
  'shipshape.k8s.portForward': read('Port-forward', 'cluster'),
  'shipshape.k8s.stopPortForward': local('Stop port-forward'),
  'shipshape.k8s.validateOnCluster': read('Validate on cluster', 'cluster'),
  // Helm releases: read from the release Secrets; changes run the helm binary behind the door's checks.
  'shipshape.k8s.helmShowManifest': read('Show Helm release manifest', 'cluster'),
  'shipshape.k8s.helmShowValues': read('Show Helm release values', 'cluster'),
  'shipshape.k8s.helmShowNotes': read('Show Helm release notes', 'cluster'),
  'shipshape.k8s.helmShowHistory': read('Show Helm release history', 'cluster'),
  'shipshape.k8s.helmInstall': change('Helm install', 'cluster', 'process', 'files'),
  'shipshape.k8s.helmUpgrade': change('Helm upgrade', 'cluster', 'process', 'files'),
  'shipshape.k8s.helmRollback': change('Helm rollback', 'cluster', 'process'),
  'shipshape.k8s.helmUninstall': change('Helm uninstall', 'cluster', 'process'),
} as const satisfies Record<string, CommandPolicy>;

export type CommandId = keyof typeof COMMANDS;

/**
 * Which bundle holds each command's handler. The core (dist/extension.js) registers its own at activation;
 * a part's commands are stubs until the part is loaded on first use (parts/part.ts), which registers the
 * real ones. A part's table must register exactly its list (the types say so; test/unit/client/command-parts.test.ts
 * holds package.json to it).
 */
export const PARTS = {
  core: [
    'shipshape.showOutput',
    'shipshape.restartServer',
    'shipshape.compose.showEffectiveConfig',
    'shipshape.kustomize.showBuiltManifest',
    // Asks the language server and writes a setting: no cluster or engine library.
    'shipshape.helm.chooseValues',
    'shipshape.helm.showRendered',
  ],
  kubernetes: [
    'shipshape.k8s.refresh',
    'shipshape.k8s.switchContext',
    'shipshape.k8s.selectNamespace',
    'shipshape.k8s.reloadKubeconfig',
    'shipshape.k8s.addKubeconfig',
    'shipshape.k8s.internal.reload',
    'shipshape.k8s.showMore',
    'shipshape.k8s.describe',
    'shipshape.k8s.viewYaml',
    'shipshape.k8s.viewYamlFull',
    'shipshape.k8s.edit',
    'shipshape.k8s.revealSecret',
    'shipshape.k8s.apply',
    'shipshape.k8s.dryRun',
    'shipshape.k8s.delete',
    'shipshape.k8s.scale',
    'shipshape.k8s.rolloutRestart',
    'shipshape.k8s.rolloutUndo',
    'shipshape.k8s.setImage',
    'shipshape.k8s.cordon',
    'shipshape.k8s.uncordon',
    'shipshape.k8s.logs',
    'shipshape.k8s.workloadLogs',
    'shipshape.k8s.filterLogs',
    'shipshape.k8s.exec',
    'shipshape.k8s.attach',
    'shipshape.k8s.portForward',
    'shipshape.k8s.stopPortForward',
    'shipshape.k8s.validateOnCluster',
    'shipshape.k8s.helmShowManifest',
    'shipshape.k8s.helmShowValues',
    'shipshape.k8s.helmShowNotes',
    'shipshape.k8s.helmShowHistory',
    'shipshape.k8s.helmInstall',
    'shipshape.k8s.helmUpgrade',
    'shipshape.k8s.helmRollback',
    'shipshape.k8s.helmUninstall',
  ],
  docker: [
    'shipshape.docker.refresh',
    'shipshape.docker.build',
    'shipshape.docker.run',
    'shipshape.docker.logs',
    'shipshape.docker.exec',
    'shipshape.docker.start',
    'shipshape.docker.stop',
    'shipshape.docker.restart',
    'shipshape.docker.remove',
    'shipshape.docker.removeImage',
    'shipshape.docker.removeVolume',
    'shipshape.docker.removeNetwork',
    'shipshape.docker.inspect',
    'shipshape.docker.prune',
    'shipshape.docker.push',
    'shipshape.docker.registryLogin',
    'shipshape.docker.registryLogout',
    'shipshape.docker.useContext',
    'shipshape.compose.up',
    'shipshape.compose.down',
    'shipshape.compose.ps',
    'shipshape.compose.logs',
    'shipshape.compose.restart',
    'shipshape.buildAndDeploy',
    'shipshape.swarm.deployStack',
    'shipshape.swarm.removeStack',
    'shipshape.swarm.scaleService',
    'shipshape.swarm.updateImage',
    'shipshape.swarm.rollbackService',
    'shipshape.swarm.drainNode',
    'shipshape.swarm.activateNode',
    'shipshape.swarm.serviceLogs',
  ],
} as const satisfies Record<string, readonly CommandId[]>;

export type PartName = keyof typeof PARTS;
export type PartCommand<P extends PartName> = (typeof PARTS)[P][number];

/** Why a policy is inconsistent (a reach without trust, a change without trust), or undefined. */
export function policyProblem(id: string, p: CommandPolicy): string | undefined {
  if (p.reaches.length && !p.trust) return `${id} reaches ${p.reaches.join(', ')} but does not require a trusted workspace`;
  if (p.mutates && !p.trust) return `${id} changes state but does not require a trusted workspace`;
  if (p.mutates && !p.reaches.length) return `${id} changes state but reaches nothing`;
  return undefined;
}

/** The refusal shown when a command that needs trust runs in an untrusted workspace. */
export function untrustedRefusal(p: CommandPolicy): string {
  const what = p.reaches.includes('cluster') ? 'contact clusters' : p.reaches.includes('engine') ? 'contact the Docker engine' : p.reaches.includes('process') ? 'run programs' : 'do this';
  return `Shipshape: "${p.title}" is not available in an untrusted workspace (Shipshape does not ${what} there). Trust the workspace to use it.`;
}

/** A handler behind the registration's gate: `(context, ...command arguments)`. */
export type Handler<C> = (ctx: C, ...args: unknown[]) => Promise<unknown>;

export interface Gate {
  trusted(): boolean;
  refuse(message: string): void;
  /** An error a handler threw, shown once with the command's title. */
  fail(title: string, error: unknown): void;
}

/**
 * The one wrapper every command runs through: refuses in an untrusted workspace when the policy says
 * so (before the handler sees its arguments), and turns a thrown error into one message.
 */
export function gated<C>(id: CommandId, handler: Handler<C>, ctx: C, gate: Gate): (...args: unknown[]) => Promise<unknown> {
  const policy: CommandPolicy = COMMANDS[id];
  const problem = policyProblem(id, policy);
  if (problem) throw new Error(problem);
  return async (...args: unknown[]) => {
    if (policy.trust && !gate.trusted()) {
      gate.refuse(untrustedRefusal(policy));
      return undefined;
    }
    try {
      return await handler(ctx, ...args);
    } catch (error) {
      gate.fail(policy.title, error);
      return undefined;
    }
  };
}
