// All pods of a workload in one stream, each line prefixed with its pod (and container). Pods are
// found by the workload's selector through a watch, so pods created later (scale up, restarts,
// rollouts) join the stream and deleted ones leave it.
import { EventEmitter } from 'node:events';
import type { ClusterConnection } from '../cluster/connection';
import { ResourceCache } from '../resources/cache';
import { kindByName } from '../resources/kinds';
import type { KubeObject } from '../resources/types';
import { logEnded, PodLogStream, type LogLine } from './pod-logs';

export interface MergedLogOptions {
  namespace: string;
  labelSelector: string;
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  follow?: boolean;
}

/** A label selector string from a workload's spec.selector (or a Service's spec.selector). */
export function selectorOf(obj: KubeObject): string | undefined {
  const sel = obj.spec?.selector;
  if (!sel) return undefined;
  const matchLabels: Record<string, string> = sel.matchLabels ?? (sel.matchExpressions ? {} : sel);
  const parts = Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of (sel.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

export class MergedLogs extends EventEmitter {
  private readonly followers = new Map<string, PodLogStream>();
  /** Containers whose log ended (their pod completed): not followed again. */
  private readonly done = new Set<string>();
  private pods: ResourceCache | undefined;
  private startedAt = '';

  constructor(
    private readonly conn: ClusterConnection,
    private readonly opts: MergedLogOptions,
  ) {
    super();
  }

  get following(): string[] {
    return [...this.followers.keys()].sort();
  }

  async start(): Promise<void> {
    this.startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    this.pods = new ResourceCache(this.conn, kindByName('pods')!, { namespace: this.opts.namespace, labelSelector: this.opts.labelSelector, pageSize: 500, debounceMs: 0 });
    this.pods.on('change', () => this.sync(false));
    await this.pods.start();
    await this.sync(true);
  }

  stop(): void {
    this.pods?.stop();
    for (const f of this.followers.values()) f.stop();
    this.followers.clear();
  }

  private async sync(initial: boolean): Promise<void> {
    // Pods that are gone leave the stream.
    const present = new Set((this.pods?.items() ?? []).map((p) => p.metadata.name));
    for (const key of this.done) if (!present.has(key.split('/')[0]!)) this.done.delete(key);
    for (const [key, f] of this.followers) {
      if (!present.has(key.split('/')[0]!)) {
        f.stop();
        this.followers.delete(key);
        this.emit('notice', `${key} is gone`);
      }
    }
    for (const pod of this.pods?.items() ?? []) {
      // A pod that completed: its followers read their last lines and end.
      const ended = logEnded(pod, '');
      if (ended) for (const [key, f] of this.followers) if (key.startsWith(`${pod.metadata.name}/`)) f.podEnded(ended);
      if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') continue;
      const containers: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
      for (const container of this.opts.container ? containers.filter((c) => c === this.opts.container) : containers) {
        const key = `${pod.metadata.name}/${container}`;
        if (this.followers.has(key) || this.done.has(key)) continue;
        const stream = new PodLogStream(this.conn, {
          namespace: this.opts.namespace,
          pod: pod.metadata.name,
          container,
          follow: this.opts.follow ?? true,
          // Pods present at the start show their tail; pods that join later show what they logged since we started.
          tailLines: initial ? this.opts.tailLines : undefined,
          sinceSeconds: initial ? this.opts.sinceSeconds : undefined,
          sinceTime: initial ? undefined : this.startedAt,
          followReplacement: false,
          replacementTimeoutMs: 0,
        });
        this.followers.set(key, stream);
        stream.on('line', (l: LogLine) => this.emit('line', l));
        stream.on('notice', (n: string) => this.emit('notice', `${key}: ${n}`));
        // A completed pod's stream ends (PodLogStream stops at Succeeded/Failed); its key stays taken so the
        // pod is not followed again while it is listed.
        stream.on('end', () => {
          if (this.followers.get(key) !== stream) return;
          this.followers.delete(key);
          this.done.add(key);
        });
        stream.start().then(
          () => this.emit('notice', `following ${key}`),
          (err: unknown) => {
            this.followers.delete(key);
            this.emit('notice', `${key}: ${err instanceof Error ? err.message : String(err)}`);
          },
        );
      }
    }
  }
}
