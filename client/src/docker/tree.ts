// The Docker explorer tree. It connects only when the view is first shown (activation never talks to
// Docker), stays live through the engine's event stream, and when the engine is down shows one node
// with the reason until the watcher sees it come back.
import * as vscode from 'vscode';
import * as os from 'node:os';
import { connectEngine } from './engine';
import { EngineWatcher, type EngineState } from './events';
import { listContexts, currentContextName } from './contexts';
import { formatBytes, loadContainerGroups, loadImages, loadNetworks, loadVolumes, type ContainerGroup, type ContainerItem, type ImageItem, type NetworkItem, type VolumeItem } from './explorer-model';
import { loadSwarmInfo } from './swarm-model';
import { swarmChildren, swarmRow, type SwarmNode } from './swarm-tree';

export type DockerNode =
  | { kind: 'down'; reason: string }
  | { kind: 'untrusted' }
  | { kind: 'connecting' }
  | { kind: 'category'; category: 'containers' | 'images' | 'volumes' | 'networks' | 'contexts' }
  | { kind: 'project'; group: ContainerGroup }
  | { kind: 'container'; item: ContainerItem }
  | { kind: 'image'; item: ImageItem }
  | { kind: 'volume'; item: VolumeItem }
  | { kind: 'network'; item: NetworkItem }
  | { kind: 'context'; name: string; host?: string; current: boolean }
  | { kind: 'error'; message: string }
  | SwarmNode;

const SWARM_KINDS = new Set<DockerNode['kind']>(['swarm', 'swarmGroup', 'stack', 'service', 'task', 'swarmNode', 'swarmObject', 'swarmNetwork']);
const isSwarm = (n: DockerNode): n is SwarmNode => SWARM_KINDS.has(n.kind);

/** How long the root waits for the engine's first state; the view shows its progress bar meanwhile. */
const ROOT_WAIT_MS = 8000;

export class DockerTree implements vscode.TreeDataProvider<DockerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DockerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly watcher: EngineWatcher;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly log: vscode.OutputChannel) {
    this.watcher = new EngineWatcher(() => connectEngine());
    this.watcher.on('state', (s: EngineState) => {
      this.log.appendLine(s.up ? `Docker engine up (${s.version}) at ${this.watcher.engine?.target.host}` : `Docker engine down: ${s.reason}`);
      this.refresh();
    });
    this.watcher.on('dropped', (why: string) => this.log.appendLine(`Docker event stream dropped (${why}); reconnecting, and the explorer reloads once it is back`));
    // many events arrive in bursts (compose up): one reload per burst
    this.watcher.on('event', () => {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.refresh(), 250);
    });
  }

  /** Called when the view becomes visible: the first (and only) place that starts talking to Docker. Never untrusted. */
  ensureStarted(): void {
    if (vscode.workspace.isTrusted) this.watcher.start();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  reconnect(): void {
    this.watcher.restart();
    this.refresh();
  }

  dispose(): void {
    this.watcher.stop();
    this.changed.dispose();
  }

  async getChildren(node?: DockerNode): Promise<DockerNode[]> {
    if (!node) {
      if (!vscode.workspace.isTrusted) return [{ kind: 'untrusted' }];
      this.ensureStarted();
      // The root waits for the first verdict (a ping with its own timeout) instead of answering
      // "connecting": a refresh fired while the workbench was still fetching that answer could be
      // dropped, leaving the spinner up forever under a message that already said the engine is down.
      const s = await this.watcher.settled(ROOT_WAIT_MS);
      if (!s) return [{ kind: 'connecting' }];
      const contexts: DockerNode = { kind: 'category', category: 'contexts' };
      if (!s.up) return [{ kind: 'down', reason: s.reason }, contexts];
      const categories: DockerNode[] = (['containers', 'images', 'volumes', 'networks', 'contexts'] as const).map((category) => ({ kind: 'category', category }));
      // The Swarm section only where there is one to manage: a manager (a worker cannot list services).
      if (await this.isSwarmManager()) categories.splice(4, 0, { kind: 'swarm' });
      return categories;
    }
    const docker = this.watcher.engine?.docker;
    try {
      if (isSwarm(node)) return docker ? await swarmChildren(docker, node) : [];
      if (node.kind === 'category') {
        if (node.category === 'contexts') {
          const env = process.env;
          const current = env.DOCKER_HOST ? 'default' : currentContextName(env, os.homedir());
          return listContexts(env, os.homedir()).map((c) => ({ kind: 'context', name: c.name, host: c.host, current: c.name === current }));
        }
        if (!docker) return [];
        if (node.category === 'containers') {
          const groups = await loadContainerGroups(docker);
          return groups.flatMap((g): DockerNode[] => (g.project ? [{ kind: 'project', group: g }] : g.containers.map((item) => ({ kind: 'container', item }))));
        }
        if (node.category === 'images') return (await loadImages(docker)).map((item) => ({ kind: 'image', item }));
        if (node.category === 'volumes') return (await loadVolumes(docker)).map((item) => ({ kind: 'volume', item }));
        if (node.category === 'networks') return (await loadNetworks(docker)).map((item) => ({ kind: 'network', item }));
      }
      if (node.kind === 'project') return node.group.containers.map((item) => ({ kind: 'container', item }));
    } catch (err) {
      return [{ kind: 'error', message: (err as Error).message }];
    }
    return [];
  }

  private async isSwarmManager(): Promise<boolean> {
    const docker = this.watcher.engine?.docker;
    if (!docker) return false;
    try {
      return (await loadSwarmInfo(docker)).role === 'manager';
    } catch (err) {
      this.log.appendLine(`Swarm state unknown: ${(err as Error).message}`);
      return false;
    }
  }

  getTreeItem(node: DockerNode): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    if (isSwarm(node)) {
      const row = swarmRow(node);
      const t = new vscode.TreeItem(row.label, row.collapsed ? Collapsed : None);
      t.id = row.id;
      t.description = row.description;
      t.tooltip = row.tooltip;
      t.contextValue = row.contextValue;
      t.iconPath = new vscode.ThemeIcon(row.icon, row.tone ? new vscode.ThemeColor(row.tone === 'ok' ? 'testing.iconPassed' : 'errorForeground') : undefined);
      return t;
    }
    switch (node.kind) {
      case 'untrusted':
        return Object.assign(new vscode.TreeItem('Docker is not contacted in an untrusted workspace', None), {
          iconPath: new vscode.ThemeIcon('shield'),
          tooltip: 'Shipshape does not connect to the Docker engine or run docker from an untrusted workspace. Trust the workspace to use the Docker explorer.',
        });
      case 'connecting':
        return Object.assign(new vscode.TreeItem('Connecting to Docker…', None), { iconPath: new vscode.ThemeIcon('loading~spin') });
      case 'down': {
        const t = new vscode.TreeItem('Docker engine unavailable', None);
        t.description = node.reason;
        t.tooltip = `${node.reason}\n\nThe explorer reconnects by itself when the engine is back.`;
        t.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        t.contextValue = 'engineDown';
        return t;
      }
      case 'error':
        return Object.assign(new vscode.TreeItem(node.message, None), { iconPath: new vscode.ThemeIcon('warning') });
      case 'category': {
        const labels = { containers: 'Containers', images: 'Images', volumes: 'Volumes', networks: 'Networks', contexts: 'Contexts' };
        const t = new vscode.TreeItem(labels[node.category], node.category === 'containers' ? vscode.TreeItemCollapsibleState.Expanded : Collapsed);
        t.id = `cat:${node.category}`;
        t.contextValue = `category.${node.category}`;
        return t;
      }
      case 'project': {
        const running = node.group.containers.filter((c) => c.state === 'running').length;
        const t = new vscode.TreeItem(node.group.project!, vscode.TreeItemCollapsibleState.Expanded);
        t.id = `project:${node.group.project}`;
        t.description = `Compose · ${running}/${node.group.containers.length} running`;
        t.tooltip = node.group.configFiles?.join('\n');
        t.iconPath = new vscode.ThemeIcon('layers');
        t.contextValue = 'composeProject';
        return t;
      }
      case 'container': {
        const c = node.item;
        const t = new vscode.TreeItem(c.service ?? c.name, None);
        t.id = `container:${c.id}`;
        t.description = `${c.image} · ${c.status}${c.ports.length ? ` · ${c.ports.join(', ')}` : ''}`;
        t.tooltip = `${c.name}\n${c.id.slice(0, 12)}\n${c.image}\n${c.status}`;
        t.iconPath = new vscode.ThemeIcon(c.state === 'running' ? 'vm-running' : 'vm-outline', c.state === 'running' ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        t.contextValue = c.state === 'running' ? 'container.running' : 'container.stopped';
        return t;
      }
      case 'image': {
        const i = node.item;
        const t = new vscode.TreeItem(i.dangling ? `<none> ${i.id.replace('sha256:', '').slice(0, 12)}` : i.tags[0], None);
        t.id = `image:${i.id}`;
        t.description = `${formatBytes(i.size)}${i.dangling ? ' · dangling' : ''}${i.tags.length > 1 ? ` · +${i.tags.length - 1} tags` : ''}`;
        t.tooltip = [...i.tags, i.id].join('\n');
        t.iconPath = new vscode.ThemeIcon(i.dangling ? 'circle-slash' : 'package');
        t.contextValue = i.dangling ? 'image.dangling' : 'image';
        return t;
      }
      case 'volume': {
        const t = new vscode.TreeItem(node.item.name, None);
        t.id = `volume:${node.item.name}`;
        t.description = node.item.project ? `Compose · ${node.item.project}` : node.item.driver;
        t.iconPath = new vscode.ThemeIcon('database');
        t.contextValue = 'volume';
        return t;
      }
      case 'network': {
        const t = new vscode.TreeItem(node.item.name, None);
        t.id = `network:${node.item.id}`;
        t.description = node.item.driver;
        t.iconPath = new vscode.ThemeIcon('globe');
        t.contextValue = node.item.builtin ? 'network.builtin' : 'network';
        return t;
      }
      case 'context': {
        const t = new vscode.TreeItem(node.name, None);
        t.description = `${node.current ? '(current) ' : ''}${node.host ?? (node.name === 'default' ? (process.env.DOCKER_HOST ?? 'default socket') : '')}`;
        t.iconPath = new vscode.ThemeIcon(node.current ? 'pass-filled' : 'circle-large-outline');
        t.contextValue = node.current ? 'context.current' : 'context';
        if (!node.current) t.command = { command: 'shipshape.docker.useContext', title: 'Use Context', arguments: [node] };
        return t;
      }
    }
  }
}
