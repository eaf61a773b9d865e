// Docker commands: thin prompts around the plain modules. The command table (commands/catalog.ts) refuses
// every one in an untrusted workspace, destructive ones confirm, and nothing is passed through a shell.
import * as vscode from 'vscode';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type Docker from 'dockerode';
import type { DockerNode, DockerTree } from './tree';
import { connectEngine, describeEngineError, engineDownReason, isSshRejection } from './engine';
import { v1Blockers, v1Refusal } from './compose-v1';
import { listContexts, useContext } from './contexts';
import { buildImage, buildStages, checkContextInside, parseBuildArgs, type Builder } from './build';
import { containerAction, inspectJson, runContainer, splitArgs, streamLogs, type LifecycleAction, type RunSpec } from './containers';
import { describePlan, executePrune, planPrune } from './prune';
import type { PreviewDocuments } from '../preview';
import { SCHEMES } from '../parts/host';
import { formatBytes, loadImages } from './explorer-model';
import { composeFilesFor, composeFilesForProject, composeServices, detectCompose, runCompose, type ComposeCommand, type ComposeFiles } from './compose-cli';
import { checkLogin, parseImageRef, pushImage, tagImage, type RegistryCredentials } from './push';
import { OutputTerminal, openExecTerminal } from './terminals';
import { PromptMemory } from './prompt-memory';
import { config as settings } from '../config';
import { inspectSwarm, type SwarmInspectKind } from './swarm-actions';

export const INSPECT_SCHEME = SCHEMES.dockerInspect;

/** Build settings given up front (no prompts): from tasks, other commands and tests. */
export interface BuildPreset {
  tags?: string[];
  target?: string;
  /** KEY=VALUE entries */
  buildArgs?: string[];
  /** context folder, relative to the workspace folder or absolute; default: the Dockerfile's folder */
  context?: string;
  builder?: Builder;
  /** network for RUN steps */
  network?: string;
}

export class DockerCommands {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('shipshape-docker-build');

  /** Build args and run environments may hold tokens: kept in SecretStorage, not workspace state. */
  private readonly buildMemory: PromptMemory<{ tag: string; context: string }, { args: string }>;
  private readonly runMemory: PromptMemory<Pick<RunSpec, 'ports' | 'volumes' | 'command'>, Pick<RunSpec, 'env'>>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly tree: DockerTree,
    private readonly log: vscode.OutputChannel,
    private readonly previews: PreviewDocuments,
  ) {
    this.buildMemory = new PromptMemory(context.workspaceState, context.secrets, ['args']);
    this.runMemory = new PromptMemory(context.workspaceState, context.secrets, ['env']);
  }

  docker(): Docker {
    return this.tree.watcher.engine?.docker ?? connectEngine().docker;
  }

  /** One line for an error: connection failures get the engine's explanation; others already say what went wrong. */
  describeError(err: unknown): string {
    const e = err as NodeJS.ErrnoException & { address?: string };
    return e?.syscall === 'connect' || e?.address || isSshRejection(err) ? describeEngineError(err, connectEngine().target) : (e?.message ?? String(err));
  }

  /** Before any question: a command that needs the engine says at once that there is none, and why. */
  private async requireEngine(what: string): Promise<void> {
    const engine = this.tree.watcher.engine ?? connectEngine();
    const reason = await engineDownReason(engine);
    if (reason) throw new Error(`${what} needs a Docker engine, and there is none: ${reason}`);
  }

  async confirm(message: string, detail: string | undefined, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }

  // ---------------- build ----------------

  /**
   * Build a Dockerfile. Without `preset` it prompts (tag, stage, build args; last answers remembered per
   * Dockerfile); with it (tasks, tests, other commands) it builds straight away.
   */
  async build(uri?: vscode.Uri, target?: string, preset?: BuildPreset): Promise<string | undefined> {
    await this.requireEngine('Building an image');
    const file = uri ?? (await this.pickDockerfile());
    if (!file) return;
    const dockerfile = file.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? path.dirname(dockerfile);
    let tag: string;
    let args: string;
    let contextDir: string;
    if (preset) {
      tag = (preset.tags ?? []).join(' ');
      args = (preset.buildArgs ?? []).join(' ');
      contextDir = path.resolve(folder, preset.context ?? path.dirname(dockerfile));
      target ??= preset.target;
    } else {
      const defaults = settings.docker.build(file);
      const stateKey = `shipshape.docker.build:${dockerfile}`;
      const last = await this.buildMemory.recall(stateKey);
      // Not `:latest`, which Shipshape itself warns about (ImageLatestTag) when the image is used.
      const defaultTag = `${path
        .basename(folder)
        .toLowerCase()
        .replace(/[^a-z0-9._-]/g, '-')}:dev`;
      const t = await vscode.window.showInputBox({ title: 'Build image: tag', value: last?.tag ?? (defaults.tag || defaultTag), prompt: 'name:tag (several separated by spaces)' });
      if (t === undefined) return;
      tag = t;
      const stages = buildStages(fs.readFileSync(dockerfile, 'utf8'));
      if (target === undefined && stages.length > 1) {
        const pick = await vscode.window.showQuickPick(['(last stage)', ...stages], { title: 'Build image: target stage' });
        if (pick === undefined) return;
        target = pick === '(last stage)' ? undefined : pick;
      }
      const a = await vscode.window.showInputBox({ title: 'Build image: build args', value: last?.args ?? defaults.args.join(' '), prompt: 'KEY=VALUE separated by spaces (KEY alone takes it from the environment)' });
      if (a === undefined) return;
      args = a;
      contextDir = path.resolve(folder, last?.context ?? (defaults.context || path.relative(folder, path.dirname(dockerfile))));
      await this.buildMemory.remember(stateKey, { tag, context: path.relative(folder, contextDir) || '.' }, { args });
    }
    // Inside the Dockerfile's workspace folder (its own folder when it is in none): settings cannot widen it.
    contextDir = checkContextInside(contextDir, vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? path.dirname(dockerfile));
    const configured = settings.docker.build(file);
    const builder: Builder = preset?.builder ?? configured.builder;
    const network = preset?.network ?? (configured.network || undefined);
    const tags = tag.split(/\s+/).filter(Boolean);
    const term = new OutputTerminal(`Build ${tags[0] ?? path.basename(dockerfile)}`);
    term.line(`Building ${dockerfile} (context ${contextDir}${target ? `, target ${target}` : ''}) on ${connectEngine().target.host}`);
    this.diagnostics.delete(file);
    let res: Awaited<ReturnType<typeof buildImage>>;
    try {
      res = await buildImage(this.docker(), { contextDir, dockerfile, tags, target, builder, network, buildArgs: parseBuildArgs(splitArgs(args)) }, (t) => term.write(t), term.signal);
    } catch (err) {
      // The terminal says why too, not only a notification, so it never ends at "Building…".
      term.finish(false, `Build failed: ${this.describeError(err)}`);
      throw err;
    }
    if (res.ok) {
      term.finish(true, `Built ${res.imageId.replace('sha256:', '').slice(0, 12)} ${tags.join(' ')}`);
      return tags[0] ?? res.imageId;
    }
    term.finish(false, `Build failed: ${res.message}`);
    if (res.location) {
      const range = new vscode.Range(res.location.line, 0, res.location.endLine, Number.MAX_SAFE_INTEGER);
      const d = new vscode.Diagnostic(range, res.message, vscode.DiagnosticSeverity.Error);
      d.source = 'docker build';
      this.diagnostics.set(file, [d]);
    }
    void vscode.window.showErrorMessage(`Build failed: ${res.message}`);
    return undefined;
  }

  private async pickDockerfile(): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && (active.languageId === 'dockerfile' || /(^|[./])(Docker|Container)file/i.test(path.basename(active.fileName)))) return active.uri;
    const found = await vscode.workspace.findFiles('**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*}', '**/node_modules/**', 50);
    if (found.length === 1) return found[0];
    const pick = await vscode.window.showQuickPick(
      found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { title: 'Dockerfile to build' },
    );
    return pick?.uri;
  }

  // ---------------- run / containers ----------------

  /**
   * Run an image. Named run configurations from the setting `shipshape.docker.run.configurations`
   * are offered first; otherwise prompts, whose answers are remembered per image.
   */
  async run(node?: DockerNode, config?: RunSpec): Promise<string | undefined> {
    let image = node?.kind === 'image' ? (node.item.tags[0] ?? node.item.id) : undefined;
    if (!config) {
      const configs = settings.docker.runConfigurations().filter((c) => c && typeof c.image === 'string' && (!image || c.image === image));
      if (configs.length) {
        const pick = await vscode.window.showQuickPick([...configs.map((c) => ({ label: c.label ?? c.name ?? c.image, description: c.image, c })), { label: 'Other…', description: 'ports, environment, volumes, command', c: undefined }], {
          title: 'Run configuration',
        });
        if (!pick) return;
        config = pick.c;
      }
    }
    if (config) return this.startRun(config);
    if (!image) {
      const images = await loadImages(this.docker());
      const pick = await vscode.window.showQuickPick(
        images.filter((i) => !i.dangling).map((i) => i.tags[0]),
        { title: 'Run image' },
      );
      if (!pick) return;
      image = pick;
    }
    // a saved run configuration per image, offered as the defaults next time
    const key = `shipshape.docker.run:${image}`;
    const saved = (await this.runMemory.recall(key)) ?? {};
    const ask = (title: string, value: string, prompt: string) => vscode.window.showInputBox({ title: `Run ${image}: ${title}`, value, prompt });
    const ports = await ask('ports', (saved.ports ?? []).join(' '), '[ip:]hostPort:containerPort, space separated');
    if (ports === undefined) return;
    const env = await ask('environment', (saved.env ?? []).join(' '), 'KEY=VALUE, space separated (quote values with spaces)');
    if (env === undefined) return;
    const volumes = await ask('volumes', (saved.volumes ?? []).join(' '), 'source:/container/path[:ro], space separated');
    if (volumes === undefined) return;
    const command = await ask('command', (saved.command ?? []).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' '), 'empty = the image CMD');
    if (command === undefined) return;
    const spec: RunSpec = { image, ports: splitArgs(ports), env: splitArgs(env), volumes: splitArgs(volumes), command: splitArgs(command) };
    await this.runMemory.remember(key, { ports: spec.ports, volumes: spec.volumes, command: spec.command }, { env: spec.env });
    return this.startRun(spec);
  }

  private async startRun(spec: RunSpec): Promise<string> {
    const c = await runContainer(this.docker(), spec);
    const info = await c.inspect();
    const name = info.Name.replace(/^\//, '');
    void vscode.window.showInformationMessage(`Started ${name} from ${spec.image}`, 'Logs').then((a) => a && this.logs({ kind: 'container', item: { id: c.id, name, image: spec.image, state: 'running', status: '', ports: [] } }));
    this.tree.refresh();
    return c.id;
  }

  private async pickContainer(node: DockerNode | undefined, running?: boolean): Promise<{ id: string; name: string } | undefined> {
    if (node?.kind === 'container') return { id: node.item.id, name: node.item.name };
    const list = await this.docker().listContainers({ all: !running });
    const pick = await vscode.window.showQuickPick(
      list.map((c) => ({ label: (c.Names[0] ?? c.Id).replace(/^\//, ''), description: `${c.Image} · ${c.Status}`, id: c.Id })),
      { title: 'Container' },
    );
    return pick && { id: pick.id, name: pick.label };
  }

  async logs(node?: DockerNode): Promise<void> {
    const c = await this.pickContainer(node);
    if (!c) return;
    const opts = await vscode.window.showQuickPick(
      [
        { label: 'Follow', picked: true, key: 'follow' },
        { label: 'Timestamps', picked: false, key: 'timestamps' },
        { label: 'Only the last 500 lines', picked: true, key: 'tail' },
      ],
      { title: `Logs of ${c.name}`, canPickMany: true },
    );
    if (!opts) return;
    const has = (k: string) => opts.some((o) => o.key === k);
    const term = new OutputTerminal(`Logs ${c.name}`);
    await streamLogs(this.docker(), c.id, { follow: has('follow'), timestamps: has('timestamps'), tail: has('tail') ? 500 : 'all' }, (t) => term.write(t), term.signal);
    term.finish(true, has('follow') ? 'Log stream ended.' : 'End of logs.');
  }

  async exec(node?: DockerNode): Promise<void> {
    const c = await this.pickContainer(node, true);
    if (!c) return;
    const shell = settings.docker.execShell();
    openExecTerminal(this.docker(), c.id, c.name, splitArgs(shell), this.log);
  }

  async lifecycle(action: LifecycleAction, node?: DockerNode): Promise<void> {
    const c = await this.pickContainer(node);
    if (!c) return;
    if (action === 'remove' && !(await this.confirm(`Remove container ${c.name}?`, 'It is stopped first if running. Its anonymous volumes are kept.', 'Remove'))) return;
    await containerAction(this.docker(), c.id, action);
    this.tree.refresh();
  }

  async removeImage(node?: DockerNode): Promise<void> {
    if (node?.kind !== 'image') return;
    const name = node.item.tags[0] ?? node.item.id;
    if (!(await this.confirm(`Remove image ${name}?`, `${formatBytes(node.item.size)}`, 'Remove'))) return;
    await this.docker().getImage(name).remove();
    this.tree.refresh();
  }

  async removeVolume(node?: DockerNode): Promise<void> {
    if (node?.kind !== 'volume') return;
    if (!(await this.confirm(`Remove volume ${node.item.name}?`, 'Its data is deleted.', 'Remove'))) return;
    await this.docker().getVolume(node.item.name).remove();
    this.tree.refresh();
  }

  async removeNetwork(node?: DockerNode): Promise<void> {
    if (node?.kind !== 'network') return;
    if (!(await this.confirm(`Remove network ${node.item.name}?`, undefined, 'Remove'))) return;
    await this.docker().getNetwork(node.item.id).remove();
    this.tree.refresh();
  }

  async inspect(node?: DockerNode): Promise<void> {
    let kind: 'container' | 'image' | 'volume' | 'network' | SwarmInspectKind;
    let id: string;
    if (node?.kind === 'container') [kind, id] = ['container', node.item.id];
    else if (node?.kind === 'service' || node?.kind === 'task' || node?.kind === 'swarmNetwork') [kind, id] = [node.kind, node.item.id];
    else if (node?.kind === 'swarmNode') [kind, id] = ['node', node.item.id];
    else if (node?.kind === 'swarmObject') [kind, id] = [node.item.kind, node.item.id];
    else if (node?.kind === 'image') [kind, id] = ['image', node.item.id];
    else if (node?.kind === 'volume') [kind, id] = ['volume', node.item.name];
    else if (node?.kind === 'network') [kind, id] = ['network', node.item.id];
    else {
      const c = await this.pickContainer(undefined);
      if (!c) return;
      [kind, id] = ['container', c.id];
    }
    const uri = vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${encodeURIComponent(id)}.json` });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  /** Content of shipshape-docker:/<kind>/<id>.json documents (read-only by construction). */
  async inspectContent(uri: vscode.Uri): Promise<string> {
    const swarm = /^\/(service|task|node|secret|config|swarmNetwork)\/(.+)\.json$/.exec(uri.path);
    if (swarm) return inspectSwarm(this.docker(), swarm[1] as SwarmInspectKind, decodeURIComponent(swarm[2]));
    const m = /^\/(container|image|volume|network)\/(.+)\.json$/.exec(uri.path);
    if (!m) return '';
    return inspectJson(this.docker(), m[1] as 'container', decodeURIComponent(m[2]));
  }

  async prune(): Promise<void> {
    const plan = await planPrune(this.docker());
    if (!plan.items.length) {
      void vscode.window.showInformationMessage('Nothing to prune: no stopped containers, dangling images, unused volumes or unused networks.');
      return;
    }
    // The whole plan in a document beside the question: a modal cannot hold thousands of lines.
    await this.previews.show('docker-prune-plan', describePlan(plan, formatBytes), 'plaintext');
    const counts = (['containers', 'images', 'volumes', 'networks'] as const).map((k) => `${plan.items.filter((i) => i.kind === k).length} ${k}`).join(', ');
    if (!(await this.confirm(`Prune ${plan.items.length} unused objects and reclaim about ${formatBytes(plan.totalBytes)}?`, `${counts}. Every one is listed in the "docker-prune-plan" document; nothing else is removed.`, 'Prune'))) return;
    const res = await executePrune(this.docker(), plan);
    this.tree.refresh();
    const failed = res.failed.length ? ` ${res.failed.length} could not be removed: ${res.failed.map((f) => `${f.item.label}: ${f.error}`).join('; ')}` : '';
    void vscode.window.showInformationMessage(`Pruned ${res.removed.length} objects, reclaimed ${formatBytes(res.reclaimedBytes)}.${failed}`);
  }

  async useContextCmd(node?: DockerNode): Promise<void> {
    let name = node?.kind === 'context' ? node.name : undefined;
    if (!name) {
      name = await vscode.window.showQuickPick(
        listContexts(process.env, os.homedir()).map((c) => c.name),
        { title: 'Docker context' },
      );
    }
    if (!name) return;
    if (process.env.DOCKER_HOST && name !== 'default') {
      void vscode.window.showWarningMessage(`DOCKER_HOST is set in VS Code's environment, so it still wins over context "${name}" (as with the docker CLI).`);
    }
    useContext(name, process.env, os.homedir());
    this.tree.reconnect();
  }

  // ---------------- compose ----------------

  private async pickComposeFile(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (uri) return uri;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && /(^|[./-])(docker-)?compose[^/]*\.ya?ml$/i.test(active.fsPath)) return active;
    const found = await vscode.workspace.findFiles('**/{compose,docker-compose}*.{yml,yaml}', '**/node_modules/**', 50);
    const main = found.filter((u) => !/\.override\./.test(u.fsPath));
    if (main.length === 1) return main[0];
    const pick = await vscode.window.showQuickPick(
      main.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
      { title: 'Compose file' },
    );
    return pick?.uri;
  }

  async compose(cmd: ComposeCommand['cmd'], uri?: vscode.Uri, node?: DockerNode): Promise<void> {
    await this.requireEngine(`compose ${cmd}`);
    const tool = await detectCompose(process.env, settings.docker.composeVersion());
    if (!tool) throw new Error("Neither `docker compose` (v2) nor `docker-compose` (v1) is installed. Install the Compose v2 plugin (Docker Desktop has it; on Debian or Ubuntu, docker-compose-plugin from Docker's apt repository).");
    let files: ComposeFiles;
    let projectName: string | undefined;
    if (!uri && node?.kind === 'project' && node.group.workingDir && node.group.configFiles?.length) {
      // from the explorer: the project's own files and name, as its containers recorded them
      files = composeFilesForProject(node.group.workingDir, node.group.configFiles);
      projectName = node.group.project;
    } else {
      const file = await this.pickComposeFile(uri);
      if (!file) return;
      files = composeFilesFor(file.fsPath);
    }
    if (tool.kind === 'v1') {
      const refusal = v1Refusal(v1Blockers(files.files), tool.version, (f) => vscode.workspace.asRelativePath(f));
      if (refusal) throw new Error(refusal);
    }
    const title = projectName ?? path.basename(files.cwd);
    let c: ComposeCommand;
    if (cmd === 'up' || cmd === 'restart' || cmd === 'logs') {
      const services = await composeServices(tool, files);
      const picked = await vscode.window.showQuickPick(
        services.map((s) => ({ label: s, picked: true })),
        { title: `compose ${cmd}: services`, canPickMany: true },
      );
      if (!picked) return;
      const chosen = picked.length === services.length ? undefined : picked.map((p) => p.label);
      c = cmd === 'up' ? { cmd, services: chosen } : cmd === 'restart' ? { cmd, services: chosen } : { cmd, services: chosen, follow: true, tail: 500 };
    } else if (cmd === 'down') {
      if (!(await this.confirm(`compose down ${title}?`, `Stops and removes the project's containers and networks (${files.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')}).`, 'Down'))) return;
      c = { cmd };
    } else c = { cmd: 'ps', all: true };
    const term = new OutputTerminal(`compose ${cmd} ${title}`);
    term.line(`${tool.command} ${tool.prefix.join(' ')} (${tool.kind} ${tool.version}) · ${files.files.map((f) => vscode.workspace.asRelativePath(f)).join(', ')}`);
    const res = await runCompose(tool, files, c, { projectName, onOutput: (t) => term.write(t), signal: term.signal });
    term.finish(res.code === 0, res.code === 0 ? `compose ${cmd} done` : `compose ${cmd} exited with ${res.code}`);
    if (res.code !== 0) this.log.appendLine(`[error] compose ${cmd} ${title} exited with ${res.code} (${tool.kind} ${tool.version})`);
    this.tree.refresh();
  }

  // ---------------- push ----------------

  private secretKey(registry: string): string {
    return `shipshape.docker.registry:${registry}`;
  }

  async credentials(registry: string): Promise<RegistryCredentials | undefined> {
    const raw = await this.context.secrets.get(this.secretKey(registry));
    return raw ? (JSON.parse(raw) as RegistryCredentials) : undefined;
  }

  /** Log in to a registry (checked through the engine) and keep the credentials in SecretStorage. */
  async login(registry?: string, given?: RegistryCredentials): Promise<RegistryCredentials | undefined> {
    registry ??= await vscode.window.showInputBox({ title: 'Registry login', prompt: 'Registry host (docker.io, ghcr.io, host:port)', value: 'docker.io' });
    if (!registry) return;
    const username = given?.username ?? (await vscode.window.showInputBox({ title: `Login to ${registry}`, prompt: 'User name' }));
    if (!username) return;
    const password = given?.password ?? (await vscode.window.showInputBox({ title: `Login to ${registry}`, prompt: 'Password or access token', password: true }));
    if (!password) return;
    await checkLogin(this.docker(), registry, { username, password });
    await this.context.secrets.store(this.secretKey(registry), JSON.stringify({ username, password }));
    if (!given) void vscode.window.showInformationMessage(`Logged in to ${registry} (stored in VS Code's secret storage).`);
    return { username, password };
  }

  async logout(registry?: string): Promise<void> {
    registry ??= await vscode.window.showInputBox({ title: 'Registry logout', prompt: 'Registry host' });
    if (!registry) return;
    await this.context.secrets.delete(this.secretKey(registry));
  }

  /** Tag `source` as `target` if they differ and push it, logging in on an auth failure. */
  async pushRef(source: string, target: string, term: OutputTerminal): Promise<string | undefined> {
    if (source !== target) await tagImage(this.docker(), source, target);
    const registry = parseImageRef(target).registry;
    let creds = await this.credentials(registry);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const { digest } = await pushImage(this.docker(), target, creds, (l) => term.line(l));
        return digest;
      } catch (err) {
        if (attempt === 0 && /unauthorized|authentication required|no basic auth|denied/i.test((err as Error).message)) {
          term.line(`${registry} wants credentials.`);
          creds = await this.login(registry);
          if (!creds) throw err;
          continue;
        }
        throw err;
      }
    }
    return undefined;
  }

  /** Push an image; `target` given (tasks, tests) skips the prompts. Resolves with the pushed digest. */
  async push(node?: DockerNode, target?: string, source?: string): Promise<string | undefined> {
    source ??= node?.kind === 'image' ? node.item.tags[0] : undefined;
    if (!source) {
      const images = await loadImages(this.docker());
      source = await vscode.window.showQuickPick(
        images.flatMap((i) => i.tags),
        { title: 'Push image' },
      );
    }
    if (!source) return;
    target ??= await vscode.window.showInputBox({ title: `Push ${source}`, prompt: 'Target reference (registry/repository:tag)', value: source });
    if (!target) return;
    const term = new OutputTerminal(`Push ${target}`);
    const digest = await this.pushRef(source, target, term);
    term.finish(true, `Pushed ${target}${digest ? ` ${digest}` : ''}`);
    return digest;
  }
}
