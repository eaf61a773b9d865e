// Follows one container's log and keeps following: when the stream ends (API-server restart,
// kubelet rotation, container restart) it reopens from the last timestamp seen, without repeating
// lines; when the pod itself is replaced (deleted, rolled out) it moves on to the pod that replaced
// it. Timestamps are always requested so resuming is exact; they are stripped unless asked for.
import { EventEmitter } from 'node:events';
import type { ClusterConnection } from '../cluster/connection';
import { KubeRequestError } from '../cluster/errors';
import { streamLines } from '../cluster/stream-lines';
import { ResourceCache } from '../resources/cache';
import { kindByName } from '../resources/kinds';
import type { KubeList, KubeObject } from '../resources/types';

export interface LogOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  timestamps?: boolean;
  previous?: boolean;
  /** Move to the replacement when the pod goes away (default: true when following). */
  followReplacement?: boolean;
  /** How long to wait for a replacement pod before giving up (ms). */
  replacementTimeoutMs?: number;
}

export interface LogLine {
  pod: string;
  container: string;
  /** RFC3339Nano from the kubelet. */
  time: string;
  text: string;
}

/** Labels that differ between a pod and its replacement, so they are not part of the successor selector. */
const HASH_LABELS = ['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-uid', 'batch.kubernetes.io/controller-uid'];

export function successorSelector(pod: KubeObject): string | undefined {
  if (!pod.metadata.ownerReferences?.some((o) => o.controller)) return undefined;
  const labels = Object.entries(pod.metadata.labels ?? {}).filter(([k]) => !HASH_LABELS.includes(k));
  return labels.length ? labels.map(([k, v]) => `${k}=${v}`).join(',') : undefined;
}

const isLive = (p: KubeObject) => !p.metadata.deletionTimestamp && (p.status?.phase === 'Running' || p.status?.phase === 'Pending');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Why a container will write no more log, or undefined while it may: its pod finished (Succeeded,
 * Failed), or the container terminated and its pod's restartPolicy will not start it again.
 */
export function logEnded(pod: KubeObject, container: string): string | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return `pod ${pod.metadata.name} ${phase === 'Succeeded' ? 'completed' : 'failed'}`;
  const st = ((pod.status?.containerStatuses ?? []) as { name: string; state?: { terminated?: { exitCode?: number } } }[]).find((c) => c.name === container);
  const terminated = st?.state?.terminated;
  if (!terminated) return undefined;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Never' || (policy === 'OnFailure' && terminated.exitCode === 0)) return `container ${container} exited (${terminated.exitCode ?? '?'}) and will not restart`;
  return undefined;
}

/** Reopening the same container's log waits this long after a stream that ended at once, doubling to the cap. */
const REOPEN_BACKOFF = { firstMs: 500, maxMs: 15_000, quickMs: 2_000 };

/**
 * Events: 'line' (LogLine), 'notice' (string: reconnects, pod switches), 'error' is never emitted
 * for recoverable problems; 'end' (reason) when there is nothing more to follow.
 */
export class PodLogStream extends EventEmitter {
  private abort: AbortController | undefined;
  private stopped = false;
  private lastTime = '';
  private seenAtLast = new Set<string>();
  private restartCount: number | undefined;
  pod: string;
  container: string;
  reconnects = 0;
  switches = 0;
  /** Log requests sent (the first included): what a reconnect storm would drive up. */
  requests = 0;
  private openedAt = 0;
  private linesSinceOpen = 0;
  private quickBackoff = 0;
  /** Why the container writes no more (its pod completed): the open stream is the last one. */
  private ended: string | undefined;
  private endTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly conn: ClusterConnection,
    private readonly opts: LogOptions,
  ) {
    super();
    this.pod = opts.pod;
    this.container = opts.container ?? '';
  }

  /** Opens the first stream (rejects on 403/404 so the caller can show the error) and keeps going. */
  async start(): Promise<void> {
    const pod = await this.readPod(this.pod);
    if (!pod) throw new KubeRequestError(404, `pod "${this.opts.pod}" not found in namespace "${this.opts.namespace}"`);
    this.adopt(pod);
    // A finished pod's log is complete: read it once, without following.
    this.ended = this.opts.follow ? logEnded(pod, this.container) : undefined;
    const first = await this.open(true);
    if (this.opts.follow && this.opts.followReplacement !== false && !this.ended) this.watchPod();
    void this.run(first);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.endTimer);
    this.abort?.abort();
    this.podWatch?.stop();
  }

  /**
   * The pod completed (seen by a watch): the stream is given a moment for its last lines, then closed,
   * and the follow ends instead of reopening a log that will not grow.
   */
  podEnded(reason: string, graceMs = 2000): void {
    if (this.ended || this.stopped) return;
    this.ended = reason;
    this.endTimer = setTimeout(() => this.abort?.abort(), graceMs);
  }

  private podWatch: ResourceCache | undefined;

  /**
   * Watches the followed pod: when it is gone, or its container restarted, the current stream is
   * cut so run() reopens it (some servers keep a follow open after the container is gone).
   */
  private watchPod(): void {
    this.podWatch?.stop();
    const name = this.pod;
    const watch = new ResourceCache(this.conn, kindByName('pods')!, { namespace: this.opts.namespace, fieldSelector: `metadata.name=${name}`, debounceMs: 0 });
    this.podWatch = watch;
    watch.on('change', () => {
      if (this.pod !== name || this.stopped) return;
      const pod = watch.get(name, this.opts.namespace);
      const ended = pod ? logEnded(pod, this.container) : undefined;
      if (ended) return this.podEnded(ended);
      const restarts = pod ? this.containerStatus(pod)?.restartCount : undefined;
      if (!pod || (restarts !== undefined && this.restartCount !== undefined && restarts > this.restartCount)) this.abort?.abort();
    });
    watch.start().catch(() => undefined);
  }

  private adopt(pod: KubeObject): void {
    const containers: { name: string }[] = pod.spec?.containers ?? [];
    if (!this.container || !containers.some((c) => c.name === this.container)) this.container = containers[0]?.name ?? '';
    this.restartCount = this.containerStatus(pod)?.restartCount;
    // Kept from the live pod: once it is deleted its labels still lead to the replacement.
    this.selector = successorSelector(pod) ?? this.selector;
  }

  private containerStatus(pod: KubeObject): { restartCount?: number } | undefined {
    return (pod.status?.containerStatuses ?? []).find((s: { name: string }) => s.name === this.container);
  }

  private async readPod(name: string): Promise<KubeObject | undefined> {
    try {
      return await this.conn.json<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods/${encodeURIComponent(name)}`);
    } catch (err) {
      if (err instanceof KubeRequestError && err.status === 404) return undefined;
      throw err;
    }
  }

  private open(first: boolean) {
    this.abort = new AbortController();
    this.requests++;
    this.openedAt = Date.now();
    this.linesSinceOpen = 0;
    const resuming = !first && this.lastTime;
    return this.conn.stream(`/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods/${encodeURIComponent(this.pod)}/log`, {
      signal: this.abort.signal,
      query: {
        container: this.container || undefined,
        follow: (this.opts.follow ?? false) && !this.ended,
        timestamps: true,
        previous: first ? this.opts.previous : undefined,
        tailLines: first ? this.opts.tailLines : undefined,
        sinceSeconds: first ? this.opts.sinceSeconds : undefined,
        // sinceTime has second precision: lines at or after it are re-sent and dropped by ts below.
        sinceTime: resuming ? this.lastTime.replace(/\.\d+Z$/, 'Z') : first ? this.opts.sinceTime : undefined,
      },
    });
  }

  private async run(res: Awaited<ReturnType<PodLogStream['open']>>): Promise<void> {
    for (;;) {
      try {
        for await (const raw of streamLines(res, { trailing: true })) this.line(raw);
      } catch {
        /* connection cut: handled below like an end of stream */
      }
      if (this.stopped) return void this.emit('end', 'stopped');
      if (!this.opts.follow) return void this.emit('end', 'complete');
      if (this.ended) return void this.finish(this.ended);
      const next = await this.reopen();
      if (!next) return;
      res = next;
    }
  }

  private line(raw: string): void {
    const sp = raw.indexOf(' ');
    const time = sp > 0 ? raw.slice(0, sp) : '';
    const text = sp > 0 ? raw.slice(sp + 1) : raw;
    // Drop what a resumed stream repeats (same or earlier timestamp, already seen).
    if (this.lastTime && time < this.lastTime) return;
    if (time === this.lastTime) {
      if (this.seenAtLast.has(text)) return;
    } else {
      this.lastTime = time;
      this.seenAtLast.clear();
    }
    this.seenAtLast.add(text);
    this.linesSinceOpen++;
    this.emit('line', { pod: this.pod, container: this.container, time, text } satisfies LogLine);
  }

  /** After a stream ended while following: same pod again, or its replacement, or give up. */
  private async reopen(): Promise<Awaited<ReturnType<PodLogStream['open']>> | undefined> {
    let backoff = 250;
    const deadline = Date.now() + (this.opts.replacementTimeoutMs ?? 120_000);
    let announcedGone = false;
    while (!this.stopped) {
      try {
        const pod = await this.readPod(this.pod);
        if (pod && !pod.metadata.deletionTimestamp) {
          // A finished pod's log is complete: reopening it would return the same lines forever.
          const ended = logEnded(pod, this.container);
          if (ended) return this.finish(ended);
          // A stream that ended at once with nothing new (a container between restarts, a server that
          // cuts follows): wait before asking again, longer each time, instead of a request loop.
          if (Date.now() - this.openedAt < REOPEN_BACKOFF.quickMs && this.linesSinceOpen === 0) {
            this.quickBackoff = this.quickBackoff ? Math.min(this.quickBackoff * 2, REOPEN_BACKOFF.maxMs) : REOPEN_BACKOFF.firstMs;
            await sleep(this.quickBackoff);
            if (this.stopped) return undefined;
          } else this.quickBackoff = 0;
          const restarts = this.containerStatus(pod)?.restartCount;
          if (restarts !== undefined && this.restartCount !== undefined && restarts > this.restartCount) {
            this.emit('notice', `container ${this.container} restarted (restart #${restarts})`);
          }
          this.restartCount = restarts;
          const res = await this.open(false);
          this.reconnects++;
          return res;
        }
        if (this.opts.followReplacement === false) return this.finish(`pod ${this.pod} is gone`);
        if (!announcedGone) {
          this.emit('notice', `pod ${this.pod} is gone; waiting for its replacement`);
          announcedGone = true;
        }
        const next = await this.findReplacement();
        if (next) {
          const old = this.pod;
          this.pod = next.metadata.name;
          this.adopt(next);
          // A new pod's log starts fresh: no resume point.
          this.lastTime = '';
          this.seenAtLast.clear();
          this.switches++;
          this.emit('notice', `following ${this.pod} (replaces ${old})`);
          this.watchPod();
          if (next.status?.phase !== 'Running') {
            await sleep(backoff);
            continue;
          }
          const res = await this.open(false);
          return res;
        }
        if (Date.now() > deadline) return this.finish(`pod ${this.pod} is gone and nothing replaced it`);
      } catch (err) {
        // 403/404 on the new pod or transport errors while the API server restarts: retry.
        if (Date.now() > deadline) return this.finish(`giving up: ${err instanceof Error ? err.message : String(err)}`);
      }
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 2000);
    }
    return undefined;
  }

  private async findReplacement(): Promise<KubeObject | undefined> {
    const selector = this.selector;
    if (!selector) return undefined;
    const list = await this.conn.json<KubeList>(`/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods`, { query: { labelSelector: selector } });
    const candidates = list.items.filter((p) => p.metadata.name !== this.pod && isLive(p));
    candidates.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
    return candidates.find((p) => p.status?.phase === 'Running') ?? candidates[0];
  }

  private selector: string | undefined;

  private finish(reason: string): undefined {
    this.podWatch?.stop();
    this.emit('notice', reason);
    this.emit('end', reason);
    return undefined;
  }
}
