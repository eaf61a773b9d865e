// "Describe": the object's essentials, then its events (newest last), as text for a read-only
// document. Secrets are described with their values masked.
import { stringify } from 'yaml';
import type { ClusterConnection } from '../cluster/connection';
import type { KubeList, KubeObject } from '../resources/types';
import { age, describeLine } from '../explorer/status';
import { maskSecret } from './safety';
import { withoutManagedFields } from './manifests';
import { getObject, type ObjectRef } from './workload';

interface Event extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
}

export async function eventsFor(conn: ClusterConnection, obj: KubeObject): Promise<Event[]> {
  const ns = obj.metadata.namespace;
  const path = ns ? `/api/v1/namespaces/${encodeURIComponent(ns)}/events` : '/api/v1/events';
  const list = await conn.json<KubeList<Event>>(path, { query: { fieldSelector: `involvedObject.uid=${obj.metadata.uid}` } });
  const when = (e: Event) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '';
  return list.items.sort((a, b) => when(a).localeCompare(when(b)));
}

export async function describe(conn: ClusterConnection, ref: ObjectRef): Promise<string> {
  let obj = await getObject(conn, ref);
  if (obj.kind === 'Secret') obj = maskSecret(obj);
  const m = obj.metadata;
  const lines = [
    `Name:         ${m.name}`,
    ...(m.namespace ? [`Namespace:    ${m.namespace}`] : []),
    `Kind:         ${obj.kind} (${obj.apiVersion})`,
    `Status:       ${describeLine(obj)}`,
    `Created:      ${m.creationTimestamp ?? ''} (${age(m.creationTimestamp)} ago)`,
    `Labels:       ${
      Object.entries(m.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || '<none>'
    }`,
    `Owner:        ${(m.ownerReferences ?? []).map((o) => `${o.kind}/${o.name}`).join(', ') || '<none>'}`,
    '',
  ];
  const body = withoutManagedFields(obj);
  for (const section of ['spec', 'data', 'status'] as const) {
    if (body[section] === undefined) continue;
    lines.push(
      `${section[0]!.toUpperCase()}${section.slice(1)}:`,
      ...stringify(body[section], { lineWidth: 0 })
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
      '',
    );
  }
  let events: Event[] = [];
  let eventsError = '';
  try {
    events = await eventsFor(conn, obj);
  } catch (err) {
    eventsError = err instanceof Error ? err.message : String(err);
  }
  lines.push('Events:');
  if (eventsError) lines.push(`  (cannot list events: ${eventsError})`);
  else if (!events.length) lines.push('  <none>');
  for (const e of events) {
    lines.push(
      `  ${(e.type ?? '').padEnd(8)} ${(e.reason ?? '').padEnd(22)} ${age(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp).padStart(4)} ${e.count && e.count > 1 ? `(x${e.count}) ` : ''}${e.source?.component ?? e.reportingComponent ?? ''}: ${e.message ?? ''}`,
    );
  }
  return lines.join('\n') + '\n';
}
