// What the tree says about an object: a status word with its icon, ready counts and age, computed
// the way kubectl get does (a pod waiting in CrashLoopBackOff says so, not "Running").
import type { KubeObject } from '../resources/types';

export type StatusTone = 'ok' | 'progress' | 'warning' | 'error' | 'done' | 'none';

export interface ObjectStatus {
  text: string;
  tone: StatusTone;
  /** "2/3" for pods and workloads. */
  ready?: string;
  restarts?: number;
}

export function age(created: string | undefined, now = Date.now()): string {
  if (!created) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number }; running?: object };
}

export function podStatus(pod: KubeObject): ObjectStatus {
  const statuses: ContainerStatus[] = pod.status?.containerStatuses ?? [];
  const total = (pod.spec?.containers ?? []).length || statuses.length;
  const ready = `${statuses.filter((s) => s.ready).length}/${total}`;
  const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
  if (pod.metadata.deletionTimestamp) return { text: 'Terminating', tone: 'progress', ready, restarts };
  const waiting = statuses.find((s) => s.state?.waiting?.reason && s.state.waiting.reason !== 'ContainerCreating');
  if (waiting) {
    const reason = waiting.state!.waiting!.reason!;
    return { text: reason, tone: /BackOff|Err|Invalid/.test(reason) ? 'error' : 'warning', ready, restarts };
  }
  const phase: string = pod.status?.phase ?? 'Unknown';
  if (phase === 'Succeeded') return { text: 'Completed', tone: 'done', ready, restarts };
  if (phase === 'Failed') return { text: pod.status?.reason ?? 'Failed', tone: 'error', ready, restarts };
  if (phase === 'Pending') return { text: pod.status?.reason ?? (statuses.some((s) => s.state?.waiting) ? 'ContainerCreating' : 'Pending'), tone: 'progress', ready, restarts };
  if (phase === 'Running') {
    const allReady = statuses.length > 0 && statuses.every((s) => s.ready);
    return { text: 'Running', tone: allReady ? 'ok' : 'warning', ready, restarts };
  }
  return { text: phase, tone: 'none', ready, restarts };
}

export function objectStatus(obj: KubeObject): ObjectStatus {
  const kind = obj.kind ?? '';
  const s = obj.status ?? {};
  switch (kind) {
    case 'Pod':
      return podStatus(obj);
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const want = obj.spec?.replicas ?? 1;
      const ready = s.readyReplicas ?? 0;
      return { text: ready >= want ? (want === 0 ? 'Scaled to 0' : 'Available') : 'Progressing', tone: ready >= want ? 'ok' : 'progress', ready: `${ready}/${want}` };
    }
    case 'DaemonSet': {
      const want = s.desiredNumberScheduled ?? 0;
      const ready = s.numberReady ?? 0;
      return { text: ready >= want ? 'Available' : 'Progressing', tone: ready >= want ? 'ok' : 'progress', ready: `${ready}/${want}` };
    }
    case 'Job': {
      if ((s.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Failed' && c.status === 'True')) return { text: 'Failed', tone: 'error' };
      if (s.succeeded >= (obj.spec?.completions ?? 1)) return { text: 'Completed', tone: 'done', ready: `${s.succeeded}/${obj.spec?.completions ?? 1}` };
      return { text: 'Running', tone: 'progress', ready: `${s.succeeded ?? 0}/${obj.spec?.completions ?? 1}` };
    }
    case 'CronJob':
      return { text: obj.spec?.suspend ? 'Suspended' : 'Scheduled', tone: obj.spec?.suspend ? 'none' : 'ok' };
    case 'Node': {
      const readyCond = (s.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
      const base = readyCond?.status === 'True' ? 'Ready' : 'NotReady';
      return { text: obj.spec?.unschedulable ? `${base},SchedulingDisabled` : base, tone: base === 'Ready' ? (obj.spec?.unschedulable ? 'warning' : 'ok') : 'error' };
    }
    case 'Namespace':
      return { text: s.phase ?? 'Active', tone: s.phase === 'Terminating' ? 'progress' : 'ok' };
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      return { text: s.phase ?? '', tone: s.phase === 'Bound' ? 'ok' : s.phase === 'Pending' ? 'progress' : 'warning' };
    case 'Event':
      return { text: `${(obj as { type?: string }).type ?? ''} ${(obj as { reason?: string }).reason ?? ''}`.trim(), tone: (obj as { type?: string }).type === 'Warning' ? 'warning' : 'none' };
    default:
      return { text: '', tone: 'none' };
  }
}

/** One line for the tree item's description: "Running · 1/1 · 3 restarts · 5m". */
export function describeLine(obj: KubeObject, now = Date.now()): string {
  const st = objectStatus(obj);
  return [st.text, st.ready, st.restarts ? `${st.restarts} restart${st.restarts === 1 ? '' : 's'}` : '', age(obj.metadata.creationTimestamp, now)].filter(Boolean).join(' · ');
}
