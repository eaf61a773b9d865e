// A live, paged view of one resource collection: list a first page, then follow a watch from the
// list's resourceVersion. The watch resumes from the last resourceVersion it saw when the
// connection drops (API-server restart, idle timeout) and re-lists when the server answers 410 Gone.
// Only loaded pages are shown ("show more" loads the next), yet no event is lost: changes to objects
// beyond the loaded range are held until their page arrives.
import { EventEmitter } from 'node:events';
import type { ClusterConnection } from '../cluster/connection';
import { KubeRequestError } from '../cluster/errors';
import { streamLines } from '../cluster/stream-lines';
import { collectionPath, type ResourceKind } from './kinds';
import type { KubeList, KubeObject } from './types';

export interface CacheOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Items per page; the first page is what the tree shows first. */
  pageSize?: number;
  /** Coalesce change notifications (ms). */
  debounceMs?: number;
  /** Server-side watch timeout; the watch is then resumed (tests use a short one). */
  watchTimeoutSeconds?: number;
}

export interface CacheStats {
  lists: number;
  relists410: number;
  resumes: number;
  events: number;
}

const keyOf = (o: KubeObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name);

export class ResourceCache extends EventEmitter {
  private readonly byKey = new Map<string, KubeObject>();
  /** Watch news about objects past the loaded range (null = deleted). */
  private readonly pending = new Map<string, KubeObject | null>();
  private resourceVersion = '';
  private continueToken: string | undefined;
  private lastLoadedKey = '';
  private wanted = 0;
  private stopped = false;
  private abort: AbortController | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  private watching: Promise<void> | undefined;
  readonly stats: CacheStats = { lists: 0, relists410: 0, resumes: 0, events: 0 };
  /** The last watch error (cleared when the watch is healthy again). */
  watchError: unknown;
  remaining: number | undefined;

  constructor(
    readonly conn: ClusterConnection,
    readonly kind: ResourceKind,
    readonly opts: CacheOptions = {},
  ) {
    super();
  }

  get pageSize(): number {
    return this.opts.pageSize ?? 500;
  }

  /** More items exist on the server than are loaded. */
  get hasMore(): boolean {
    return this.continueToken !== undefined;
  }

  /** Number of loaded items. */
  get size(): number {
    return this.byKey.size;
  }

  /** Loaded items in server (name) order. */
  items(): KubeObject[] {
    return [...this.byKey.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  }

  get(name: string, namespace?: string): KubeObject | undefined {
    return this.byKey.get(namespace ? `${namespace}/${name}` : name);
  }

  /** Lists the first page and starts the watch. Rejects (e.g. 403) without starting anything. */
  async start(): Promise<void> {
    this.wanted = this.pageSize;
    await this.relist();
    this.watching = this.watchLoop();
  }

  /** Loads the next page ("show more"). */
  async loadMore(): Promise<void> {
    if (!this.hasMore) return;
    this.wanted += this.pageSize;
    try {
      const page = await this.listPage(this.continueToken);
      this.absorbPage(page.items);
      this.continueToken = page.metadata.continue || undefined;
      this.remaining = page.metadata.remainingItemCount;
      if (!this.hasMore) this.flushPending();
    } catch (err) {
      // The continue token expired (410): start over with as many items as were wanted.
      if (err instanceof KubeRequestError && err.status === 410) await this.relist();
      else throw err;
    }
    this.changed();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    clearTimeout(this.changeTimer);
    this.removeAllListeners();
  }

  /** Resolves when the watch loop has ended after stop(). */
  async stopped_(): Promise<void> {
    await this.watching;
  }

  private listPage(cont?: string): Promise<KubeList> {
    this.stats.lists++;
    return this.conn.json<KubeList>(collectionPath(this.kind, this.opts.namespace), {
      query: { limit: this.pageSize, continue: cont, labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector },
    });
  }

  private absorbPage(items: KubeObject[]): void {
    for (const item of items) {
      const key = keyOf(item);
      const news = this.pending.get(key);
      this.pending.delete(key);
      if (news === null) continue;
      this.byKey.set(key, news ?? item);
      if (key > this.lastLoadedKey) this.lastLoadedKey = key;
    }
  }

  private flushPending(): void {
    for (const [key, obj] of this.pending) if (obj) this.byKey.set(key, obj);
    this.pending.clear();
  }

  /** Re-reads as many pages as were wanted; replaces the content atomically. */
  private async relist(): Promise<void> {
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let rv = '';
    let remaining: number | undefined;
    do {
      const page = await this.listPage(cont);
      if (!rv) rv = page.metadata.resourceVersion ?? '';
      items.push(...page.items);
      cont = page.metadata.continue || undefined;
      remaining = page.metadata.remainingItemCount;
    } while (cont && items.length < this.wanted);
    this.byKey.clear();
    this.pending.clear();
    this.lastLoadedKey = '';
    this.absorbPage(items);
    this.continueToken = cont;
    this.remaining = remaining;
    this.resourceVersion = rv;
    this.changed();
  }

  private apply(type: string, obj: KubeObject): void {
    this.stats.events++;
    const key = keyOf(obj);
    const loaded = !this.hasMore || key <= this.lastLoadedKey || this.byKey.has(key);
    if (type === 'DELETED') {
      if (loaded) this.byKey.delete(key);
      else this.pending.set(key, null);
    } else if (loaded) this.byKey.set(key, obj);
    else this.pending.set(key, obj);
    this.changed();
  }

  private changed(): void {
    if (this.stopped) return;
    const ms = this.opts.debounceMs ?? 30;
    if (ms <= 0) return void this.emit('change');
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = undefined;
      this.emit('change');
    }, ms);
  }

  private async watchLoop(): Promise<void> {
    let backoff = 250;
    while (!this.stopped) {
      try {
        await this.watchOnce();
        backoff = 250;
        this.watchError = undefined;
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof GoneError || (err instanceof KubeRequestError && err.status === 410)) {
          this.stats.relists410++;
          await this.relistWithRetry();
          continue;
        }
        this.watchError = err;
        this.emit('watchError', err);
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
      if (!this.stopped) this.stats.resumes++;
    }
  }

  private async relistWithRetry(): Promise<void> {
    let backoff = 250;
    while (!this.stopped) {
      try {
        return await this.relist();
      } catch (err) {
        this.watchError = err;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private async watchOnce(): Promise<void> {
    this.abort = new AbortController();
    const res = await this.conn.stream(collectionPath(this.kind, this.opts.namespace), {
      signal: this.abort.signal,
      query: {
        watch: 1,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: this.opts.watchTimeoutSeconds ?? 300,
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
      },
    });
    this.watchError = undefined;
    try {
      // An object is at most ~1.5 MB in etcd: a longer event line is an error, not memory to fill.
      for await (const raw of streamLines(res, { maxLine: 16 * 1024 * 1024, overlong: 'fail' })) {
        const line = raw.trim();
        if (!line) continue;
        const event = JSON.parse(line) as { type: string; object: KubeObject & { code?: number; message?: string } };
        if (event.type === 'ERROR') {
          if (event.object.code === 410) throw new GoneError(event.object.message ?? 'resourceVersion too old');
          throw new KubeRequestError(event.object.code ?? 500, event.object.message ?? 'watch error', event.object);
        }
        if (event.object.metadata?.resourceVersion) this.resourceVersion = event.object.metadata.resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        this.apply(event.type, event.object);
      }
    } catch (err) {
      if (this.stopped) return;
      throw err;
    }
  }
}

class GoneError extends Error {}
