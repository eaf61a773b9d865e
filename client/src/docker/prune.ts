// Prune in two steps so the confirmation can say exactly what goes and how much space returns:
// planPrune() lists stopped containers, dangling images, unused volumes and unused custom networks
// with their sizes; executePrune() removes exactly those items (not whatever appeared since). Volumes
// follow the engine's own default: since Docker 23 (API 1.42) `docker volume prune` removes only
// anonymous volumes, named ones only with --all.
import type Docker from 'dockerode';
import { containerName } from './explorer-model';

export type PruneKind = 'containers' | 'images' | 'volumes' | 'networks';

export interface PruneItem {
  kind: PruneKind;
  id: string;
  label: string;
  /** bytes freed when removed (0 when unknown or nothing, e.g. networks) */
  size: number;
}

export interface PrunePlan {
  items: PruneItem[];
  totalBytes: number;
}

export interface PruneFilter {
  /** only objects carrying all these labels ("key" or "key=value"), like `docker system prune --filter label=` */
  labels?: string[];
  /** 'anonymous' (Docker 23+'s default), 'all' (older engines, or --all); default: what the engine does */
  volumes?: 'anonymous' | 'all';
}

/** The label Docker 23+ puts on the volumes it creates for a container's anonymous mounts. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

/** Which volumes the engine's own prune takes by default: anonymous ones from API 1.42 (Docker 23) on. */
export function defaultVolumePrune(apiVersion: string): 'anonymous' | 'all' {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major! > 1 || (major === 1 && minor! >= 42) ? 'anonymous' : 'all';
}

function labelled(labels: Record<string, string> | null | undefined, want: string[] | undefined): boolean {
  if (!want?.length) return true;
  return want.every((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? labels?.[w] !== undefined : labels?.[w.slice(0, eq)] === w.slice(eq + 1);
  });
}

/** What GET /system/df returns that the plan reads. */
export interface SystemDf {
  Containers?: Array<Docker.ContainerInfo & { SizeRw?: number }>;
  Images?: Array<{ Id: string; RepoTags: string[] | null; Size: number; SharedSize: number; Containers: number; Labels?: Record<string, string> | null }>;
  Volumes?: Array<{ Name: string; UsageData?: { Size: number; RefCount: number } }>;
}

/**
 * The containers and images a prune removes, from the engine's disk usage alone: stopped containers
 * (with the labels asked for), then dangling images no remaining container uses. `going` is the
 * containers removed, whose images, volumes and networks become unused.
 */
export function planFromDiskUsage(df: SystemDf, kinds: readonly PruneKind[], want: string[] | undefined): { items: PruneItem[]; going: Set<string> } {
  const items: PruneItem[] = [];
  const stopped = (df.Containers ?? []).filter((c) => c.State !== 'running' && c.State !== 'paused' && c.State !== 'restarting');
  const going = new Set(kinds.includes('containers') ? stopped.filter((c) => labelled(c.Labels, want)).map((c) => c.Id) : []);
  if (kinds.includes('containers')) {
    for (const c of stopped.filter((c) => going.has(c.Id))) items.push({ kind: 'containers', id: c.Id, label: `${containerName(c)} (${c.Image}, ${c.State})`, size: c.SizeRw ?? 0 });
  }
  if (kinds.includes('images')) {
    const running = (df.Containers ?? []).filter((c) => !going.has(c.Id));
    const usedImages = new Set(running.map((c) => c.ImageID));
    for (const i of df.Images ?? []) {
      const dangling = !i.RepoTags || i.RepoTags.length === 0 || i.RepoTags.every((t) => t === '<none>:<none>');
      if (!dangling || usedImages.has(i.Id) || !labelled(i.Labels, want)) continue;
      // layers shared with other images stay: only the unique part comes back
      const unique = i.SharedSize > 0 ? i.Size - i.SharedSize : i.Size;
      items.push({ kind: 'images', id: i.Id, label: `${i.Id.replace(/^sha256:/, '').slice(0, 12)} (dangling)`, size: Math.max(0, unique) });
    }
  }
  return { items, going };
}

export async function planPrune(docker: Docker, kinds: PruneKind[] = ['containers', 'images', 'volumes', 'networks'], filter: PruneFilter = {}): Promise<PrunePlan> {
  const want = filter.labels;
  // /system/df gives container RW sizes, image sizes, and volume sizes + reference counts in one call
  const df = (await docker.df()) as SystemDf;
  const { items, going } = planFromDiskUsage(df, kinds, want);
  if (kinds.includes('volumes')) {
    const which = filter.volumes ?? defaultVolumePrune(String((await docker.version()).ApiVersion));
    const list = await docker.listVolumes();
    const remaining = (await docker.listContainers({ all: true })).filter((c) => !going.has(c.Id));
    const inUse = new Set(remaining.flatMap((c) => (c.Mounts ?? []).filter((m) => m.Type === 'volume').map((m) => m.Name)));
    const sizes = new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData?.Size ?? 0]));
    for (const v of list.Volumes ?? []) {
      if (inUse.has(v.Name) || !labelled(v.Labels, want)) continue;
      const anonymous = v.Labels?.[ANONYMOUS_VOLUME_LABEL] !== undefined;
      if (which === 'anonymous' && !anonymous) continue;
      items.push({ kind: 'volumes', id: v.Name, label: `${v.Name}${anonymous ? ' (anonymous)' : ''}`, size: Math.max(0, sizes.get(v.Name) ?? 0) });
    }
  }
  if (kinds.includes('networks')) {
    const nets = await docker.listNetworks();
    const remaining = (await docker.listContainers({ all: true })).filter((c) => !going.has(c.Id));
    const used = new Set(remaining.flatMap((c) => Object.values(c.NetworkSettings?.Networks ?? {}).map((n) => n.NetworkID)));
    for (const n of nets) {
      if (['bridge', 'host', 'none'].includes(n.Name) || used.has(n.Id) || !labelled(n.Labels, want)) continue;
      const detail = await docker
        .getNetwork(n.Id)
        .inspect()
        .catch(() => undefined);
      if (detail && Object.keys(detail.Containers ?? {}).length > 0) continue;
      items.push({ kind: 'networks', id: n.Id, label: n.Name, size: 0 });
    }
  }
  return { items, totalBytes: items.reduce((s, i) => s + i.size, 0) };
}

export interface PruneResult {
  removed: PruneItem[];
  failed: Array<{ item: PruneItem; error: string }>;
  reclaimedBytes: number;
}

export async function executePrune(docker: Docker, plan: PrunePlan): Promise<PruneResult> {
  const removed: PruneItem[] = [];
  const failed: PruneResult['failed'] = [];
  // containers first: they hold images, volumes and networks
  const order: PruneKind[] = ['containers', 'images', 'volumes', 'networks'];
  for (const kind of order) {
    for (const item of plan.items.filter((i) => i.kind === kind)) {
      try {
        if (kind === 'containers') await docker.getContainer(item.id).remove({ v: false });
        else if (kind === 'images') await docker.getImage(item.id).remove({ noprune: false });
        else if (kind === 'volumes') await docker.getVolume(item.id).remove();
        else await docker.getNetwork(item.id).remove();
        removed.push(item);
      } catch (err) {
        // already gone counts as done; anything else (in use again, conflict) is reported
        if ((err as { statusCode?: number }).statusCode === 404) removed.push(item);
        else failed.push({ item, error: (err as Error).message });
      }
    }
  }
  return { removed, failed, reclaimedBytes: removed.reduce((s, i) => s + i.size, 0) };
}

/** The whole plan as text, one object a line by kind, for the preview shown before the question. */
export function describePlan(plan: PrunePlan, format: (bytes: number) => string): string {
  const out = [`# Docker prune: ${plan.items.length} objects, about ${format(plan.totalBytes)}`, '# Exactly these are removed; volumes as the engine prunes them (anonymous ones only since Docker 23).', ''];
  for (const kind of ['containers', 'images', 'volumes', 'networks'] as PruneKind[]) {
    const items = plan.items.filter((i) => i.kind === kind);
    if (!items.length) continue;
    out.push(`${kind} (${items.length}):`, ...items.map((i) => `  ${i.label}${i.size ? ` (${format(i.size)})` : ''}`), '');
  }
  return out.join('\n');
}
