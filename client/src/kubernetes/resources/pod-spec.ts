// Which path holds the pod spec of each kind that runs pods: the client's one answer, for reading
// containers (set image, port-forward, Build and Deploy) and for writing them (set image). The server
// has its own (server/src/kubernetes/validation/pod-spec.ts): neither side may import the other.
import type { KubeObject } from './types';

const TEMPLATE = ['spec', 'template', 'spec'] as const;

/** The path of the PodSpec in an object of each kind, as kubectl finds it. A Map: `kind` is document text. */
const POD_SPEC_PATHS = new Map<string, readonly string[]>([
  ['Pod', ['spec']],
  ['Deployment', TEMPLATE],
  ['ReplicaSet', TEMPLATE],
  ['StatefulSet', TEMPLATE],
  ['DaemonSet', TEMPLATE],
  ['ReplicationController', TEMPLATE],
  ['Job', TEMPLATE],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ['PodTemplate', ['template', 'spec']],
]);

/** Where an object of `kind` keeps its pod spec; undefined for a kind that runs no pods. */
export function podSpecPath(kind: string): readonly string[] | undefined {
  return POD_SPEC_PATHS.get(kind);
}

/** One container of a pod spec, as far as the client reads it. */
export interface PodContainer {
  name: string;
  image?: string;
  ports?: { containerPort: number }[];
}

/** The pod spec of `object` (a `kind`), or undefined for a kind without one or an object without it. */
function podSpecOf(kind: string, object: KubeObject): { containers?: PodContainer[]; [key: string]: unknown } | undefined {
  const path = podSpecPath(kind);
  if (!path) return undefined;
  let at: unknown = object;
  for (const key of path) at = isObject(at) ? at[key] : undefined;
  return isObject(at) ? at : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The containers of `object`'s pod spec ([] when it has none). */
export function podContainers(kind: string, object: KubeObject): PodContainer[] {
  const containers = podSpecOf(kind, object)?.containers;
  return Array.isArray(containers) ? containers : [];
}

/** `spec` nested at the pod spec's path of `kind`: the body of a patch that changes only the pod spec. */
export function atPodSpec(kind: string, spec: Record<string, unknown>): Record<string, unknown> {
  const path = podSpecPath(kind);
  if (!path) throw new Error(`A ${kind} has no pod spec`);
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), spec);
}
