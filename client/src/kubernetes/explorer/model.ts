// The explorer as data: contexts → categories → kinds → objects (→ containers). No `vscode` here:
// the TreeDataProvider only turns these nodes into TreeItems, and node tests drive this model
// against the real API server. Each kind node is backed by a watch (ResourceCache), started when
// it is first expanded; an error (403, unreachable) marks that node only.
import { EventEmitter } from 'node:events';
import { ClusterConnection } from '../cluster/connection';
import type { CredentialPolicy } from '../cluster/credentials';
import { formatKubeError } from '../cluster/errors';
import type { LoadedKubeconfig } from '../cluster/kubeconfig';
import { ResourceCache } from '../resources/cache';
import { BUILTIN_KINDS, CRD_LIST_PATH, kindsFromCrds, type Category, type ResourceKind } from '../resources/kinds';
import type { KubeObject } from '../resources/types';
import { RELEASE_LABEL_SELECTOR } from '../helm/release-storage';
import { ReleaseDecoder, summarizeReleases, type HelmReleaseSummary } from '../helm/releases';

export type ExplorerNode =
  | { type: 'context'; id: string; context: string }
  | { type: 'category'; id: string; context: string; category: Category }
  | { type: 'kind'; id: string; context: string; kind: ResourceKind; namespace?: string }
  | { type: 'object'; id: string; context: string; kind: ResourceKind; object: KubeObject }
  | { type: 'container'; id: string; context: string; pod: KubeObject; container: string; init: boolean }
  | { type: 'helmReleases'; id: string; context: string; kind: ResourceKind; namespace: string }
  | { type: 'helmRelease'; id: string; context: string; release: HelmReleaseSummary }
  | { type: 'more'; id: string; context: string; parent: string; shown: number; remaining?: number }
  | { type: 'message'; id: string; context?: string; text: string; error: boolean };

const CATEGORIES: Category[] = ['Workloads', 'Network', 'Config', 'Storage', 'Custom Resources'];
const TOP_KINDS = ['nodes', 'namespaces', 'events'];
/** Helm v3/v4 keep each release revision in a Secret labelled owner=helm (the default storage driver). */
const RELEASE_SECRETS = BUILTIN_KINDS.find((k) => k.plural === 'secrets')!;
type WatchedNode = Extract<ExplorerNode, { type: 'kind' | 'helmReleases' }>;

export interface ExplorerOptions {
  policy: CredentialPolicy;
  pageSize?: number;
  /** Called once per context when it first connects (the language server follows its version). */
  onConnected?(context: string, version: string): void;
}

export class ExplorerModel extends EventEmitter {
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly connections = new Map<string, ClusterConnection>();
  private readonly versions = new Map<string, Promise<string>>();
  private readonly caches = new Map<string, ResourceCache>();
  private readonly starting = new Map<string, Promise<void>>();
  /** Errors by node id: shown on the node itself. */
  readonly errors = new Map<string, string>();
  /** Decoded Helm release payloads, shared by the tree and the release documents. */
  readonly releases = new ReleaseDecoder();
  current: string;

  constructor(
    public loaded: LoadedKubeconfig,
    private readonly opts: ExplorerOptions,
  ) {
    super();
    this.current = loaded.config.getCurrentContext();
  }

  /** Forgets the nodes below `parentId` that its latest children no longer include (deleted objects). */
  private prune(parentId: string, children: readonly ExplorerNode[]): ExplorerNode[] {
    pruneBelow(this.nodes, parentId, children);
    return children as ExplorerNode[];
  }

  /** Number of nodes held (bounded by what the tree shows, not by what it ever showed). */
  get nodeCount(): number {
    return this.nodes.size;
  }

  private node<T extends ExplorerNode>(n: T): T {
    const existing = this.nodes.get(n.id) as T | undefined;
    if (existing) {
      Object.assign(existing, n);
      return existing;
    }
    this.nodes.set(n.id, n);
    return n;
  }

  /** The connection for a context (created on first use, not contacted until needed). It only reads. */
  connection(context: string = this.current): ClusterConnection {
    let c = this.connections.get(context);
    if (!c) {
      c = ClusterConnection.forContext(this.loaded, context, this.opts.policy, false);
      const ns = this.namespaceChoices.get(context);
      if (ns) c.namespace = ns;
      this.connections.set(context, c);
    }
    return c;
  }

  /**
   * A connection that may change objects, with the same kubeconfig, credentials policy and namespace as
   * connection(context). Handed only to the change door (kubernetes/change/door.ts).
   */
  writableConnection(context: string): ClusterConnection {
    const read = this.connection(context);
    const c = new ClusterConnection(context, read.kc, this.opts.policy, true);
    c.namespace = read.namespace;
    return c;
  }

  /** Namespaces the user picked, kept across kubeconfig reloads. */
  private readonly namespaceChoices = new Map<string, string>();

  /** The namespace shown for a context; never throws (a broken context still renders). */
  namespaceOf(context: string = this.current): string {
    return this.connections.get(context)?.namespace ?? this.namespaceChoices.get(context) ?? (this.loaded.config.getContextObject(context)?.namespace || 'default');
  }

  setNamespace(namespace: string, context: string = this.current): void {
    this.connection(context).namespace = namespace;
    this.namespaceChoices.set(context, namespace);
    this.resetContext(context);
  }

  switchContext(context: string): void {
    if (!this.loaded.config.getContextObject(context)) throw new Error(`Unknown context "${context}"`);
    this.current = context;
    this.emit('change', undefined);
  }

  /** Connects (credentials + /version); resolves with "1.36". */
  connect(context: string = this.current): Promise<string> {
    let v = this.versions.get(context);
    if (!v) {
      v = this.connection(context)
        .version()
        .then((ver) => {
          this.opts.onConnected?.(context, ver.minor);
          return ver.minor;
        });
      v.catch(() => this.versions.delete(context));
      this.versions.set(context, v);
    }
    return v;
  }

  contexts(): string[] {
    return this.loaded.config.getContexts().map((c) => c.name);
  }

  /** When no kubeconfig defines a context: which files were read, and what to do. */
  noContextsReason(): string | undefined {
    if (this.contexts().length) return undefined;
    const tried = this.loaded.sources.map((s) => `${s.file}${s.error ? ` (${s.error})` : ''}`).join(', ');
    return `No Kubernetes contexts. Looked in: ${tried || 'nothing'}. Set KUBECONFIG or shipshape.kubeconfigs.`;
  }

  async children(parent?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!parent) {
      const contexts = this.contexts();
      if (!contexts.length) return [this.message('root', this.noContextsReason()!, false)];
      return contexts.map((context) => this.node({ type: 'context', id: `ctx:${context}`, context }));
    }
    const ctx = parent.context ?? this.current;
    switch (parent.type) {
      case 'context': {
        if (this.opts.policy.allowNetwork === false) {
          return [this.message(parent.id, 'Shipshape does not contact clusters from an untrusted workspace. Trust the workspace to connect.', false, ctx)];
        }
        try {
          this.connection(ctx); // a context naming a missing cluster/user fails here, on its own node
          await this.connect(ctx);
          this.errors.delete(parent.id);
        } catch (err) {
          this.markError(parent, err);
          return [this.message(parent.id, formatKubeError(err), true, ctx)];
        }
        const ns = this.namespaceOf(ctx);
        return [
          ...CATEGORIES.map((category) => this.node({ type: 'category', id: `${parent.id}/${category}`, context: ctx, category })),
          this.node({ type: 'helmReleases', id: `${parent.id}/helm-releases/${ns}`, context: ctx, kind: RELEASE_SECRETS, namespace: ns }),
          ...TOP_KINDS.map((p) => this.kindNode(ctx, BUILTIN_KINDS.find((k) => k.plural === p)!, ns)),
        ];
      }
      case 'category': {
        const ns = this.namespaceOf(ctx);
        if (parent.category === 'Custom Resources') {
          try {
            const crds = kindsFromCrds(await this.connection(ctx).json(CRD_LIST_PATH));
            this.errors.delete(parent.id);
            return crds.length ? crds.map((k) => this.kindNode(ctx, k, ns)) : [this.message(parent.id, 'No CustomResourceDefinitions', false, ctx)];
          } catch (err) {
            this.markError(parent, err);
            return [this.message(parent.id, formatKubeError(err), true, ctx)];
          }
        }
        return BUILTIN_KINDS.filter((k) => k.category === parent.category).map((k) => this.kindNode(ctx, k, ns));
      }
      case 'kind': {
        const cache = await this.cacheFor(parent).catch(() => undefined);
        if (!cache) return [this.message(parent.id, this.errors.get(parent.id) ?? 'not loaded', true, ctx)];
        const items = cache.items().map((object) => this.node({ type: 'object', id: `${parent.id}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, context: ctx, kind: parent.kind, object }));
        const out: ExplorerNode[] = items;
        if (cache.watchError) out.unshift(this.message(`${parent.id}`, `watch interrupted, retrying: ${formatKubeError(cache.watchError)}`, true, ctx));
        if (cache.hasMore) out.push(this.node({ type: 'more', id: `${parent.id}/more`, context: ctx, parent: parent.id, shown: items.length, remaining: cache.remaining }));
        if (!out.length) out.push(this.message(parent.id, 'None', false, ctx));
        return this.prune(parent.id, out);
      }
      case 'helmReleases': {
        const cache = await this.cacheFor(parent).catch(() => undefined);
        if (!cache) return [this.message(parent.id, this.errors.get(parent.id) ?? 'not loaded', true, ctx)];
        const out: ExplorerNode[] = this.helmReleases(parent).map((release) => this.node({ type: 'helmRelease', id: `${parent.id}/${release.name}`, context: ctx, release }));
        if (cache.watchError) out.unshift(this.message(parent.id, `watch interrupted, retrying: ${formatKubeError(cache.watchError)}`, true, ctx));
        if (!out.length) out.push(this.message(parent.id, `No Helm releases in ${parent.namespace}`, false, ctx));
        return this.prune(parent.id, out);
      }
      case 'object': {
        if (parent.kind.kind !== 'Pod') return [];
        const spec = parent.object.spec ?? {};
        const list = [...((spec.initContainers ?? []) as { name: string }[]).map((c) => ({ c, init: true })), ...((spec.containers ?? []) as { name: string }[]).map((c) => ({ c, init: false }))];
        return this.prune(
          parent.id,
          list.map(({ c, init }) => this.node({ type: 'container', id: `${parent.id}/${c.name}`, context: ctx, pod: parent.object, container: c.name, init })),
        );
      }
      default:
        return [];
    }
  }

  private kindNode(context: string, kind: ResourceKind, namespace: string): ExplorerNode {
    const ns = kind.namespaced ? namespace : undefined;
    return this.node({ type: 'kind', id: `ctx:${context}/${kind.group}/${kind.plural}/${ns ?? ''}`, context, kind, namespace: ns });
  }

  private message(parentId: string, text: string, error: boolean, context?: string): ExplorerNode {
    return this.node({ type: 'message', id: `${parentId}/message`, context, text, error });
  }

  private markError(node: ExplorerNode, err: unknown): void {
    this.errors.set(node.id, formatKubeError(err));
    this.emit('change', node);
  }

  /**
   * The releases of a "Helm Releases" node from its watch (every storage Secret is loaded: a release's
   * history is needed whole). Empty until the watch has started (children() starts it).
   */
  helmReleases(node: Extract<ExplorerNode, { type: 'helmReleases' }>): HelmReleaseSummary[] {
    const cache = this.caches.get(node.id);
    return cache ? summarizeReleases(cache.items(), this.releases) : [];
  }

  /** The watch-backed cache behind a kind node or a Helm Releases node (started on first use). */
  cacheFor(node: WatchedNode): Promise<ResourceCache> {
    const existing = this.caches.get(node.id);
    const pending = this.starting.get(node.id);
    if (existing && pending) return pending.then(() => existing);
    const options = node.type === 'helmReleases' ? { namespace: node.namespace, labelSelector: RELEASE_LABEL_SELECTOR, pageSize: 10_000 } : { namespace: node.namespace, pageSize: this.opts.pageSize ?? 200 };
    const cache = new ResourceCache(this.connection(node.context), node.kind, options);
    this.caches.set(node.id, cache);
    cache.on('change', () => this.emit('change', node));
    cache.on('watchError', () => this.emit('change', node));
    const start = cache.start().then(
      () => {
        if (this.errors.delete(node.id)) this.emit('change', node);
      },
      (err: unknown) => {
        cache.stop();
        this.caches.delete(node.id);
        this.starting.delete(node.id);
        this.markError(node, err);
        throw err;
      },
    );
    this.starting.set(node.id, start);
    return start.then(() => cache);
  }

  /** "12" or "200 of 5000" for a kind whose watch is running, else undefined. */
  countOf(node: Extract<ExplorerNode, { type: 'kind' }>): string | undefined {
    const cache = this.caches.get(node.id);
    if (!cache) return undefined;
    const n = cache.size;
    return cache.hasMore ? `${n} of ${cache.remaining !== undefined ? n + cache.remaining : 'more'}` : String(n);
  }

  async loadMore(more: Extract<ExplorerNode, { type: 'more' }>): Promise<void> {
    const parent = this.nodes.get(more.parent);
    const cache = this.caches.get(more.parent);
    if (!cache || parent?.type !== 'kind') return;
    await cache.loadMore();
    this.emit('change', parent);
  }

  findNode(id: string): ExplorerNode | undefined {
    return this.nodes.get(id);
  }

  /** Drops caches of a context (namespace switch, kubeconfig reload). */
  resetContext(context: string): void {
    for (const [id, cache] of this.caches) {
      if (id.startsWith(`ctx:${context}/`)) {
        cache.stop();
        this.caches.delete(id);
        this.starting.delete(id);
      }
    }
    for (const id of [...this.errors.keys()]) if (id.startsWith(`ctx:${context}`)) this.errors.delete(id);
    this.emit('change', this.nodes.get(`ctx:${context}`));
  }

  reload(loaded: LoadedKubeconfig): void {
    this.dispose();
    this.loaded = loaded;
    if (!loaded.config.getContextObject(this.current)) this.current = loaded.config.getCurrentContext();
    this.emit('change', undefined);
  }

  dispose(): void {
    for (const cache of this.caches.values()) cache.stop();
    this.caches.clear();
    this.starting.clear();
    this.connections.clear();
    this.versions.clear();
    this.errors.clear();
    this.nodes.clear();
  }
}

/**
 * Drops from `nodes` every id below `parentId` ("parent/…") that is neither one of `children` nor below
 * one of them: the tree asks for a kind's children on every watch event, and a deleted object's node
 * (and its containers) must not stay in the map for the session.
 */
export function pruneBelow(nodes: Map<string, unknown>, parentId: string, children: readonly { id: string }[]): number {
  const keep = new Set(children.map((c) => c.id));
  const prefix = `${parentId}/`;
  let removed = 0;
  for (const id of nodes.keys()) {
    if (!id.startsWith(prefix)) continue;
    // Kept when the id, or an ancestor of it below the parent, is one of the children.
    let kept = false;
    for (let end = id.length; end > prefix.length && !kept; end = id.lastIndexOf('/', end - 1)) kept = keep.has(id.slice(0, end));
    if (kept) continue;
    nodes.delete(id);
    removed++;
  }
  return removed;
}
