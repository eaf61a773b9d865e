// Swarm commands: prompts around swarm-actions.ts, from a tree row or the palette (a picker stands in for
// the row). The command table refuses them all in an untrusted workspace; changes in a Docker context named
// in shipshape.protectedContexts want the context's name typed, and removing a stack or draining a node
// always confirms. Before any question, a command says when the engine is no swarm manager.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { config as settings } from '../config';
import { confirmationAccepts, confirmationFor } from '../kubernetes/actions/safety';
import type { DockerCommands } from './commands';
import { connectEngine, type EngineTarget } from './engine';
import {
  checkStackName,
  cliEnv,
  defaultStackName,
  deployStack,
  describeContents,
  describeFailedDeploy,
  removeStack,
  rollbackService,
  scaleService,
  serviceLogs,
  setNodeAvailability,
  stackContents,
  updateServiceImage,
  type ResolveImage,
} from './swarm-actions';
import { groupStacks, loadNodes, loadServices, managerProblem, type ServiceItem, type SwarmNodeItem } from './swarm-model';
import type { DockerNode, DockerTree } from './tree';
import { OutputTerminal } from './terminals';

export class SwarmCommands {
  constructor(
    private readonly cmds: DockerCommands,
    private readonly tree: DockerTree,
    private readonly log: vscode.OutputChannel,
  ) {}

  private target(): EngineTarget {
    return this.tree.watcher.engine?.target ?? connectEngine().target;
  }

  private async manager(): Promise<Docker> {
    const docker = this.cmds.docker();
    const reason = await managerProblem(docker, this.target().host);
    if (reason) throw new Error(reason);
    return docker;
  }

  /** The protected-context question (or the plain confirmation when `always`); false when declined. */
  private async allowed(verb: string, what: string, always: boolean): Promise<boolean> {
    const context = this.target().context;
    const c = confirmationFor(verb, what, context, settings.protectedContexts(), always);
    if (c.kind === 'none') return true;
    if (c.kind === 'type-name') {
      const typed = await vscode.window.showInputBox({ prompt: c.message, placeHolder: c.expected, ignoreFocusOut: true, validateInput: (v) => (v === c.expected || !v ? undefined : 'The name does not match') });
      return confirmationAccepts(c, typed);
    }
    return this.cmds.confirm(c.message, undefined, verb[0]!.toUpperCase() + verb.slice(1));
  }

  private async pickStackFile(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (uri) return uri;
    const active = vscode.window.activeTextEditor?.document;
    if (active && /\.ya?ml$/i.test(active.fileName)) return active.uri;
    const found = await vscode.workspace.findFiles('**/{docker-stack,stack,*.stack,*-stack,compose,docker-compose}.{yml,yaml}', '**/node_modules/**', 50);
    if (found.length === 1) return found[0];
    const pick = await vscode.window.showQuickPick(
      found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { title: 'Stack file to deploy' },
    );
    return pick?.uri;
  }

  /** Deploy a stack file; `preset` (tests, tasks) skips the prompts. Resolves with the stack's name once deployed. */
  async deploy(uri?: vscode.Uri, preset?: { name: string; prune?: boolean; withRegistryAuth?: boolean; resolveImage?: ResolveImage }): Promise<string | undefined> {
    const docker = await this.manager();
    const file = await this.pickStackFile(uri);
    if (!file) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    if (doc?.isDirty) await doc.save();
    let options = preset;
    if (!options) {
      const name = await vscode.window.showInputBox({ title: `Deploy ${path.basename(file.fsPath)}: stack name`, value: defaultStackName(file.fsPath), validateInput: (v) => checkStackName(v) });
      if (!name) return;
      const flags = await vscode.window.showQuickPick(
        [
          { label: '--prune', description: "remove the stack's services that are no longer in the file", key: 'prune', picked: false },
          { label: '--with-registry-auth', description: 'send the registry credentials of the docker CLI to the swarm agents', key: 'auth', picked: false },
        ],
        { title: `Deploy stack ${name}: options`, canPickMany: true },
      );
      if (!flags) return;
      const resolve = await vscode.window.showQuickPick(
        [
          { label: 'always', description: 'ask the registry for each image digest and pin it (the default)' },
          { label: 'changed', description: 'only for images whose reference changed' },
          { label: 'never', description: 'use the references as written (offline registries, local images)' },
        ],
        { title: `Deploy stack ${name}: --resolve-image` },
      );
      if (!resolve) return;
      options = { name, prune: flags.some((f) => f.key === 'prune'), withRegistryAuth: flags.some((f) => f.key === 'auth'), resolveImage: resolve.label as ResolveImage };
    }
    if (!(await this.allowed('deploy', `stack ${options.name}`, false))) return;
    const term = new OutputTerminal(`Deploy stack ${options.name}`);
    term.line(`docker stack deploy -c ${vscode.workspace.asRelativePath(file)} ${options.name} on ${this.target().host}`);
    const res = await deployStack(file.fsPath, options.name, { ...options, env: cliEnv(this.target()), onOutput: (t) => term.write(t), signal: term.signal });
    this.tree.refresh();
    if (res.code === 0) {
      term.finish(true, `Deployed stack ${options.name}`);
      return options.name;
    }
    // A failed deploy can leave networks, secrets, configs and some services behind (the CLI creates them one by
    // one): the message says what it had started and what the engine holds now, or that the engine is gone.
    const failure = await describeFailedDeploy(docker, options.name, res);
    term.finish(false, failure);
    throw new Error(`${failure} See the terminal "Deploy stack ${options.name}".`);
  }

  private async pickStack(node?: DockerNode): Promise<string | undefined> {
    if (node?.kind === 'stack') return node.name;
    const stacks = groupStacks(await loadServices(this.cmds.docker()));
    return vscode.window.showQuickPick(
      stacks.map((s) => s.name),
      { title: 'Stack' },
    );
  }

  async remove(node?: DockerNode): Promise<void> {
    const docker = await this.manager();
    const name = await this.pickStack(node);
    if (!name) return;
    const contents = await stackContents(docker, name);
    if (!(await this.allowed('remove', `stack ${name} (${describeContents(contents)})`, true))) return;
    const res = await removeStack(docker, name);
    this.tree.refresh();
    if (res.failed.length) throw new Error(`Stack ${name}: ${res.failed.map((f) => `${f.kind.slice(0, -1)} ${f.name} was not removed (${f.error})`).join('; ')}`);
    void vscode.window.showInformationMessage(`Removed stack ${name}: ${describeContents(res.removed)}.`);
  }

  private async pickService(node: DockerNode | undefined, filter: (s: ServiceItem) => boolean = () => true): Promise<ServiceItem | undefined> {
    if (node?.kind === 'service') return node.item;
    const services = (await loadServices(this.cmds.docker())).filter(filter);
    const pick = await vscode.window.showQuickPick(
      services.map((s) => ({ label: s.name, description: `${s.mode} ${s.running}/${s.desired} · ${s.image}`, s })),
      { title: 'Service' },
    );
    return pick?.s;
  }

  async scale(node?: DockerNode, replicas?: number): Promise<void> {
    const docker = await this.manager();
    const s = await this.pickService(node, (x) => x.mode === 'replicated' || x.mode === 'replicated-job');
    if (!s) return;
    if (replicas === undefined) {
      const answer = await vscode.window.showInputBox({ title: `Scale ${s.name}`, value: String(s.desired), validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number ≥ 0') });
      if (answer === undefined) return;
      replicas = Number(answer.trim());
    }
    if (!(await this.allowed('scale', `service ${s.name} to ${replicas}`, false))) return;
    await scaleService(docker, s.id, replicas);
    this.tree.refresh();
  }

  async updateImage(node?: DockerNode, image?: string): Promise<void> {
    const docker = await this.manager();
    const s = await this.pickService(node);
    if (!s) return;
    image ??= await vscode.window.showInputBox({ title: `Update the image of ${s.name}`, value: s.image, prompt: 'Image reference (the tasks are replaced under the service update_config)' });
    if (!image) return;
    if (!(await this.allowed('update', `service ${s.name} to ${image}`, false))) return;
    const warnings = await updateServiceImage(docker, s.id, image);
    for (const w of warnings) this.log.appendLine(`[warning] service ${s.name}: ${w}`);
    this.tree.refresh();
  }

  async rollback(node?: DockerNode): Promise<void> {
    const docker = await this.manager();
    const s = await this.pickService(node);
    if (!s) return;
    if (!(await this.allowed('roll back', `service ${s.name}`, false))) return;
    await rollbackService(docker, s.id);
    this.tree.refresh();
  }

  private async pickNode(node: DockerNode | undefined): Promise<SwarmNodeItem | undefined> {
    if (node?.kind === 'swarmNode') return node.item;
    const nodes = await loadNodes(this.cmds.docker());
    const pick = await vscode.window.showQuickPick(
      nodes.map((n) => ({ label: n.hostname, description: `${n.role} · ${n.availability} · ${n.state}`, n })),
      { title: 'Swarm node' },
    );
    return pick?.n;
  }

  async availability(node: DockerNode | undefined, availability: 'active' | 'drain'): Promise<void> {
    const docker = await this.manager();
    const n = await this.pickNode(node);
    if (!n) return;
    if (!(await this.allowed(availability === 'drain' ? 'drain' : 'activate', `node ${n.hostname}${availability === 'drain' ? ' (its tasks move to other nodes)' : ''}`, availability === 'drain'))) return;
    await setNodeAvailability(docker, n.id, availability);
    this.tree.refresh();
  }

  async logs(node?: DockerNode): Promise<void> {
    const docker = await this.manager();
    const s = await this.pickService(node);
    if (!s) return;
    const opts = await vscode.window.showQuickPick(
      [
        { label: 'Follow', picked: true, key: 'follow' },
        { label: 'Timestamps', picked: false, key: 'timestamps' },
        { label: 'Only the last 500 lines of each task', picked: true, key: 'tail' },
      ],
      { title: `Logs of ${s.name} (all tasks)`, canPickMany: true },
    );
    if (!opts) return;
    const has = (k: string) => opts.some((o) => o.key === k);
    const term = new OutputTerminal(`Logs ${s.name}`);
    await serviceLogs(docker, s.id, { follow: has('follow'), timestamps: has('timestamps'), tail: has('tail') ? 500 : 'all' }, (t) => term.write(t), term.signal);
    term.finish(true, has('follow') ? 'Log stream ended.' : 'End of logs.');
  }
}
