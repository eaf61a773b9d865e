// The Kubernetes tree view: ExplorerNode → TreeItem, nothing more. Context values drive the menus
// in package.json (view/item/context): shipshape.k8s.<type>[.<kind>].
import * as vscode from 'vscode';
import type { ExplorerModel, ExplorerNode } from '../explorer/model';
import type { HelmReleaseSummary } from '../helm/releases';
import { describeLine, objectStatus, type StatusTone } from '../explorer/status';
import type { PortForwarder } from '../portforward/forwarder';
import { escapeMarkdown } from '../../escape-markdown';

export type TreeElement = ExplorerNode | { type: 'forwards'; id: string } | { type: 'forward'; id: string; forwarder: PortForwarder };

const TONE_ICON: Record<StatusTone, [string, string | undefined]> = {
  ok: ['pass', 'testing.iconPassed'],
  progress: ['sync', 'charts.yellow'],
  warning: ['warning', 'list.warningForeground'],
  error: ['error', 'list.errorForeground'],
  done: ['check-all', 'descriptionForeground'],
  none: ['symbol-object', undefined],
};

const KIND_ICON: Record<string, string> = {
  Pod: 'package',
  Deployment: 'rocket',
  StatefulSet: 'database',
  DaemonSet: 'server-process',
  ReplicaSet: 'layers',
  Job: 'run',
  CronJob: 'watch',
  Service: 'plug',
  Ingress: 'globe',
  EndpointSlice: 'link',
  ConfigMap: 'settings',
  Secret: 'lock',
  PersistentVolumeClaim: 'archive',
  PersistentVolume: 'database',
  StorageClass: 'package',
  Node: 'vm',
  Namespace: 'folder',
  Event: 'bell',
};

const CATEGORY_ICON: Record<string, string> = { Workloads: 'rocket', Network: 'globe', Config: 'settings-gear', Storage: 'database', 'Custom Resources': 'extensions' };

/** "deployed · rev 3 · demo-0.1.0 · app 1.2.0", as `helm list` reads. */
function releaseLine(r: HelmReleaseSummary): string {
  return [r.status, `rev ${r.revision}`, r.chart, r.appVersion && `app ${r.appVersion}`].filter(Boolean).join(' · ');
}

export class KubernetesTree implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeElement | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly forwardsNode: TreeElement = { type: 'forwards', id: 'forwards' };
  private pendingRefresh = new Set<TreeElement | undefined>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: ExplorerModel,
    private readonly forwards: () => PortForwarder[],
  ) {
    // Coalesce bursts of watch events into one refresh per node every 100 ms.
    model.on('change', (node?: ExplorerNode) => this.refresh(node));
  }

  refresh(node?: TreeElement): void {
    this.pendingRefresh.add(node);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const all = this.pendingRefresh.has(undefined);
      const nodes = [...this.pendingRefresh];
      this.pendingRefresh.clear();
      if (all) this.emitter.fire(undefined);
      else for (const n of nodes) this.emitter.fire(n);
    }, 100);
  }

  async getChildren(element?: TreeElement): Promise<TreeElement[]> {
    if (!element) {
      // No contexts: an empty tree, so the view's welcome content (package.json viewsWelcome) shows
      // what to do, with the files that were read in the view message.
      if (!this.model.contexts().length) return this.forwards().length ? [this.forwardsNode] : [];
      const roots: TreeElement[] = await this.model.children();
      return this.forwards().length ? [this.forwardsNode, ...roots] : roots;
    }
    if (element.type === 'forwards') return this.forwards().map((forwarder) => ({ type: 'forward', id: `fwd:${forwarder.label}`, forwarder }));
    if (element.type === 'forward') return [];
    return this.model.children(element);
  }

  getTreeItem(el: TreeElement): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (el.type) {
      case 'forwards': {
        const item = new vscode.TreeItem('Port Forwards', C.Expanded);
        item.iconPath = new vscode.ThemeIcon('plug');
        return item;
      }
      case 'forward': {
        const f = el.forwarder;
        const item = new vscode.TreeItem(`${f.target.kind}/${f.target.name}`, C.None);
        item.description = `${f.bound.map((b) => `127.0.0.1:${b.local} → ${b.remote}`).join(', ')} via ${f.currentPod ?? 'no pod'}`;
        item.iconPath = new vscode.ThemeIcon(f.currentPod ? 'radio-tower' : 'debug-disconnect');
        item.contextValue = 'shipshape.k8s.forward';
        return item;
      }
      case 'context': {
        const current = el.context === this.model.current;
        const item = new vscode.TreeItem(el.context, current ? C.Expanded : C.Collapsed);
        item.id = el.id;
        const error = this.model.errors.get(el.id);
        item.description = error ? `⚠ ${error}` : `${current ? '● ' : ''}${this.model.namespaceOf(el.context)}`;
        let details = '';
        try {
          const conn = this.model.connection(el.context);
          details = `Server: ${escapeMarkdown(conn.server)}\n\nUser: ${escapeMarkdown(conn.user)} (${conn.auth})`;
        } catch (err) {
          details = escapeMarkdown(String(err instanceof Error ? err.message : err));
        }
        // Everything but the icon comes from a kubeconfig or a server: escaped, never Markdown or links.
        const file = this.model.loaded.contextFile.get(el.context) ?? '?';
        item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(el.context)}**\n\n${details}\n\nFile: ${escapeMarkdown(file)}${error ? `\n\n$(error) ${escapeMarkdown(error)}` : ''}`, true);
        item.iconPath = new vscode.ThemeIcon(error ? 'error' : 'cloud', error ? new vscode.ThemeColor('list.errorForeground') : undefined);
        item.contextValue = current ? 'shipshape.k8s.context.current' : 'shipshape.k8s.context';
        return item;
      }
      case 'category': {
        const item = new vscode.TreeItem(el.category, el.category === 'Workloads' ? C.Expanded : C.Collapsed);
        item.id = el.id;
        const error = this.model.errors.get(el.id);
        if (error) item.description = `⚠ ${error}`;
        item.iconPath = new vscode.ThemeIcon(CATEGORY_ICON[el.category] ?? 'folder');
        return item;
      }
      case 'kind': {
        const item = new vscode.TreeItem(el.kind.title, C.Collapsed);
        item.id = el.id;
        const error = this.model.errors.get(el.id);
        // The namespace is on the context row; a count once loaded says more here.
        item.description = error ? `⚠ ${error}` : this.model.countOf(el);
        item.tooltip = error ?? `${el.kind.kind} (${el.kind.group || 'core'}/${el.kind.version})${el.namespace ? ` in ${el.namespace}` : ''}`;
        item.iconPath = error ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon(KIND_ICON[el.kind.kind] ?? 'symbol-class');
        item.contextValue = `shipshape.k8s.kind.${el.kind.kind}`;
        return item;
      }
      case 'object': {
        const obj = { ...el.object, kind: el.object.kind ?? el.kind.kind };
        const st = objectStatus(obj);
        const item = new vscode.TreeItem(el.object.metadata.name, el.kind.kind === 'Pod' ? C.Collapsed : C.None);
        item.id = el.id;
        item.description = describeLine(obj);
        const [icon, color] = st.tone === 'none' ? [KIND_ICON[el.kind.kind] ?? 'symbol-object', undefined] : TONE_ICON[st.tone];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.tooltip = `${el.kind.kind} ${el.object.metadata.namespace ? `${el.object.metadata.namespace}/` : ''}${el.object.metadata.name}\n${describeLine(obj)}`;
        item.contextValue = `shipshape.k8s.object.${el.kind.kind}`;
        item.command = { command: 'shipshape.k8s.describe', title: 'Describe', arguments: [el] };
        return item;
      }
      case 'container': {
        const item = new vscode.TreeItem(el.container, C.None);
        item.id = el.id;
        const st = ((el.pod.status?.containerStatuses ?? []) as { name: string; ready?: boolean; state?: Record<string, { reason?: string }> }[]).find((s) => s.name === el.container);
        const state = st?.state ? Object.keys(st.state)[0] : undefined;
        item.description = `${el.init ? 'init · ' : ''}${state ?? ''}${st?.state?.[state ?? '']?.reason ? ` (${st.state[state!]!.reason})` : ''}`;
        item.iconPath = new vscode.ThemeIcon('package', st?.ready ? new vscode.ThemeColor('testing.iconPassed') : undefined);
        item.contextValue = 'shipshape.k8s.container';
        return item;
      }
      case 'helmReleases': {
        const item = new vscode.TreeItem('Helm Releases', C.Collapsed);
        item.id = el.id;
        const error = this.model.errors.get(el.id);
        item.description = error ? `⚠ ${error}` : undefined;
        item.tooltip = error ?? `Helm releases in ${el.namespace} (release Secrets labelled owner=helm)`;
        item.iconPath = new vscode.ThemeIcon(error ? 'error' : 'package', error ? new vscode.ThemeColor('list.errorForeground') : undefined);
        item.contextValue = 'shipshape.k8s.helmReleases';
        return item;
      }
      case 'helmRelease': {
        const r = el.release;
        const item = new vscode.TreeItem(r.name, C.None);
        item.id = el.id;
        item.description = releaseLine(r);
        const tone: StatusTone = r.error || r.status === 'failed' ? 'error' : r.status.startsWith('pending') || r.status === 'uninstalling' ? 'progress' : r.status === 'deployed' ? 'ok' : 'none';
        const [icon, color] = tone === 'none' ? ['package', undefined] : TONE_ICON[tone];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        item.tooltip = `Helm release ${r.namespace}/${r.name}\n${releaseLine(r)}${r.updated ? `\nupdated ${r.updated}` : ''}${r.description ? `\n${r.description}` : ''}${r.error ? `\n${r.error}` : ''}`;
        item.contextValue = 'shipshape.k8s.helmRelease';
        item.command = { command: 'shipshape.k8s.helmShowManifest', title: 'Show Manifest', arguments: [el] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`Show more…`, C.None);
        item.id = el.id;
        item.description = `${el.shown} shown${el.remaining ? `, ${el.remaining} more` : ''}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'shipshape.k8s.showMore', title: 'Show more', arguments: [el] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(el.text, C.None);
        item.id = el.id;
        item.tooltip = el.text;
        item.iconPath = el.error ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('info');
        return item;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
