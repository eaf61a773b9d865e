// The resource types the explorer shows, grouped the way people look for them, plus CRDs found at
// run time. Paths are built here so nothing else concatenates API URLs by hand.
export type Category = 'Workloads' | 'Network' | 'Config' | 'Storage' | 'Cluster' | 'Custom Resources';

export interface ResourceKind {
  group: string; // '' for the core group
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  category: Category;
  /** Label in the tree. */
  title: string;
}

const k = (group: string, version: string, plural: string, kind: string, namespaced: boolean, category: Category, title = `${kind}s`): ResourceKind => ({
  group,
  version,
  plural,
  kind,
  namespaced,
  category,
  title,
});

export const BUILTIN_KINDS: readonly ResourceKind[] = [
  k('apps', 'v1', 'deployments', 'Deployment', true, 'Workloads'),
  k('apps', 'v1', 'statefulsets', 'StatefulSet', true, 'Workloads'),
  k('apps', 'v1', 'daemonsets', 'DaemonSet', true, 'Workloads'),
  k('apps', 'v1', 'replicasets', 'ReplicaSet', true, 'Workloads'),
  k('batch', 'v1', 'jobs', 'Job', true, 'Workloads'),
  k('batch', 'v1', 'cronjobs', 'CronJob', true, 'Workloads'),
  k('', 'v1', 'pods', 'Pod', true, 'Workloads'),
  k('', 'v1', 'services', 'Service', true, 'Network'),
  k('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'Network', 'Ingresses'),
  k('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true, 'Network'),
  k('', 'v1', 'configmaps', 'ConfigMap', true, 'Config'),
  k('', 'v1', 'secrets', 'Secret', true, 'Config'),
  k('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, 'Storage'),
  k('', 'v1', 'persistentvolumes', 'PersistentVolume', false, 'Storage'),
  k('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, 'Storage', 'StorageClasses'),
  k('', 'v1', 'nodes', 'Node', false, 'Cluster'),
  k('', 'v1', 'namespaces', 'Namespace', false, 'Cluster'),
  k('', 'v1', 'events', 'Event', true, 'Cluster'),
];

export function kindByName(kind: string): ResourceKind | undefined {
  const lower = kind.toLowerCase();
  return BUILTIN_KINDS.find((r) => r.kind.toLowerCase() === lower || r.plural === lower);
}

export function apiVersionOf(r: ResourceKind): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function collectionPath(r: ResourceKind, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`;
}

export function objectPath(r: ResourceKind, namespace: string | undefined, name: string): string {
  return `${collectionPath(r, namespace)}/${encodeURIComponent(name)}`;
}

interface CrdList {
  items: {
    spec: {
      group: string;
      names: { plural: string; kind: string };
      scope: 'Namespaced' | 'Cluster';
      versions: { name: string; served: boolean; storage: boolean }[];
    };
  }[];
}

/** Every CRD as a ResourceKind (served storage version, else the first served one). */
export function kindsFromCrds(list: CrdList): ResourceKind[] {
  const out: ResourceKind[] = [];
  for (const crd of list.items) {
    const served = crd.spec.versions.filter((v) => v.served);
    const version = served.find((v) => v.storage) ?? served[0];
    if (!version) continue;
    out.push(k(crd.spec.group, version.name, crd.spec.names.plural, crd.spec.names.kind, crd.spec.scope === 'Namespaced', 'Custom Resources', `${crd.spec.names.kind} (${crd.spec.group})`));
  }
  return out.sort((a, b) => a.title.localeCompare(b.title));
}

export const CRD_LIST_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

// group: a DNS-1123 subdomain; version: a DNS-1035 label (v1, v1beta2, or a CRD's own name).
const GROUP = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*';
const VERSION = '[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?';
const API_VERSION = new RegExp(`^(?:(${GROUP})/)?(${VERSION})$`);

/**
 * "/apis/apps/v1" or "/api/v1" for a manifest's apiVersion. The text comes from a file, so it is checked
 * before it becomes part of a request path ("../../x", "v1?watch", "@host" are refused).
 */
export function apiBasePath(apiVersion: string): string {
  const m = API_VERSION.exec(apiVersion);
  if (!m || apiVersion.length > 317) throw new Error(`"${apiVersion.slice(0, 80)}" is not an apiVersion (expected group/version or v1)`);
  return m[1] ? `/apis/${m[1]}/${m[2]}` : `/api/${m[2]}`;
}
