// Storage objects → releases: one entry per release name (its newest revision) with its history.
// Grouping reads only the labels Helm sets (name, version, status); payloads are decoded for the
// revisions shown, once per resourceVersion, so a namespace with long histories stays cheap.
import { stringify } from 'yaml';
import type { KubeObject } from '../resources/types';
import { decodeReleaseObject, type StoredRelease } from './release-storage';

export interface ReleaseRevision {
  name: string;
  namespace: string;
  revision: number;
  /** deployed, superseded, failed, uninstalling, pending-install, pending-upgrade, pending-rollback, uninstalled */
  status: string;
  /** "demo-0.1.0" as helm list prints it */
  chart: string;
  chartName: string;
  chartVersion: string;
  appVersion: string;
  /** RFC 3339, from info.last_deployed */
  updated: string;
  description: string;
  /** The storage object (Secret or ConfigMap) holding this revision. */
  storage: { kind: string; name: string };
}

export interface HelmReleaseSummary extends ReleaseRevision {
  /** Every stored revision, newest first (labels only; decode one with ReleaseDecoder.revision). */
  revisions: Array<{ revision: number; status: string; object: KubeObject }>;
  /** Why the newest revision could not be decoded, when it could not. */
  error?: string;
}

/** Decodes storage objects, remembering each by uid and resourceVersion. */
export class ReleaseDecoder {
  private readonly cache = new Map<string, { rv: string; release: StoredRelease }>();

  decode(obj: KubeObject): StoredRelease {
    const key = obj.metadata.uid ?? `${obj.metadata.namespace}/${obj.metadata.name}`;
    const rv = obj.metadata.resourceVersion ?? '';
    const hit = this.cache.get(key);
    if (hit && hit.rv === rv) return hit.release;
    const release = decodeReleaseObject(obj);
    this.cache.set(key, { rv, release });
    return release;
  }

  /** Forgets objects no longer listed. */
  retain(objects: readonly KubeObject[]): void {
    const keep = new Set(objects.map((o) => o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`));
    for (const key of this.cache.keys()) if (!keep.has(key)) this.cache.delete(key);
  }
}

export function revisionOf(release: StoredRelease, storage: KubeObject): ReleaseRevision {
  const meta = release.chart?.metadata ?? {};
  return {
    name: release.name,
    namespace: release.namespace || storage.metadata.namespace || '',
    revision: release.version,
    status: release.info?.status ?? storage.metadata.labels?.status ?? 'unknown',
    chart: meta.name ? `${meta.name}-${meta.version ?? ''}` : '',
    chartName: meta.name ?? '',
    chartVersion: meta.version ?? '',
    appVersion: meta.appVersion ?? '',
    updated: release.info?.last_deployed ?? '',
    description: release.info?.description ?? '',
    storage: { kind: storage.kind ?? 'Secret', name: storage.metadata.name },
  };
}

const labelRevision = (o: KubeObject) => Number(o.metadata.labels?.version ?? /\.v(\d+)$/.exec(o.metadata.name)?.[1] ?? 0);

/** Releases in name order from the storage objects of one namespace (or several). */
export function summarizeReleases(objects: readonly KubeObject[], decoder: ReleaseDecoder): HelmReleaseSummary[] {
  const groups = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const name = o.metadata.labels?.name;
    if (!name || o.metadata.labels?.owner !== 'helm') continue;
    if (o.kind === 'Secret' && o.type !== undefined && o.type !== 'helm.sh/release.v1') continue;
    const key = `${o.metadata.namespace ?? ''}/${name}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  decoder.retain(objects);
  const out: HelmReleaseSummary[] = [];
  for (const [key, list] of groups) {
    list.sort((a, b) => labelRevision(b) - labelRevision(a));
    const newest = list[0]!;
    const revisions = list.map((object) => ({ revision: labelRevision(object), status: object.metadata.labels?.status ?? 'unknown', object }));
    try {
      out.push({ ...revisionOf(decoder.decode(newest), newest), revisions });
    } catch (err) {
      const [namespace = '', name = ''] = key.split('/');
      out.push({
        name,
        namespace,
        revision: revisions[0]!.revision,
        status: revisions[0]!.status,
        chart: '',
        chartName: '',
        chartVersion: '',
        appVersion: '',
        updated: '',
        description: '',
        storage: { kind: newest.kind ?? 'Secret', name: newest.metadata.name },
        revisions,
        error: (err as Error).message,
      });
    }
  }
  return out.sort((a, b) => (a.namespace === b.namespace ? a.name.localeCompare(b.name) : a.namespace.localeCompare(b.namespace)));
}

/** `helm history` as text: one line per revision, newest last as helm prints it. */
export function historyText(summary: HelmReleaseSummary, decoder: ReleaseDecoder): string {
  const rows = [...summary.revisions].reverse().map(({ object, revision, status }) => {
    try {
      const r = revisionOf(decoder.decode(object), object);
      return [String(r.revision), r.updated, r.status, r.chart, r.appVersion, r.description];
    } catch (err) {
      return [String(revision), '', status, '', '', (err as Error).message];
    }
  });
  const header = ['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('\t')).join('\n') + '\n';
}

/** The parts of one revision shown as read-only documents. */
export type ReleasePart = 'values' | 'manifest' | 'notes' | 'history';

export function releasePartText(summary: HelmReleaseSummary, part: ReleasePart, decoder: ReleaseDecoder, revision = summary.revision): string {
  if (part === 'history') return historyText(summary, decoder);
  const entry = summary.revisions.find((r) => r.revision === revision);
  if (!entry) throw new Error(`Release ${summary.namespace}/${summary.name} has no revision ${revision}`);
  const release = decoder.decode(entry.object);
  if (part === 'manifest') return release.manifest ?? '';
  if (part === 'notes') return release.info?.notes ?? '';
  // As `helm get values` prints the user-supplied values.
  return release.config && Object.keys(release.config).length ? stringify(release.config) : 'null\n';
}
