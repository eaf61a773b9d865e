import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';

/** Where a kind keeps its pod template (metadata + spec), as field paths. */
const TEMPLATE_PATHS: Record<string, YamlPath> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** Every kind that has a PodSpec: Pod and the kinds with a pod template. */
export const POD_SPEC_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

export interface PodSpecAt {
  /** Path of the PodSpec. */
  path: YamlPath;
  spec: Record<string, unknown>;
  /** Path of the pod template, when the kind has one (not for Pod). */
  templatePath?: YamlPath;
}

export function getPath(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

/** The PodSpec of a Pod or of a workload's template; undefined for other kinds or when absent. */
export function podSpecOf(kind: string, value: Record<string, unknown>): PodSpecAt | undefined {
  if (kind === 'Pod') {
    return isRecord(value.spec) ? { path: ['spec'], spec: value.spec } : undefined;
  }
  const templatePath = TEMPLATE_PATHS[kind];
  if (!templatePath) return undefined;
  const spec = getPath(value, [...templatePath, 'spec']);
  return isRecord(spec) ? { path: [...templatePath, 'spec'], spec, templatePath } : undefined;
}

export interface ContainerAt {
  path: YamlPath;
  container: Record<string, unknown>;
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
}

export function containersOf(pod: PodSpecAt): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = pod.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isRecord(container)) out.push({ path: [...pod.path, group, index], container, group });
    });
  }
  return out;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
