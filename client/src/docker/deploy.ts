// The Kubernetes half of "Build and Deploy": set a freshly pushed image on a Deployment's container
// and follow the rollout the way `kubectl rollout status` does. Uses @kubernetes/client-node directly
// with a KubeConfig the caller loads (the cluster explorer lives in client/src/kubernetes).
import * as k8s from '@kubernetes/client-node';
import * as YAML from 'yaml';
import { Writable } from 'node:stream';

export interface DeploymentRef {
  namespace: string;
  name: string;
  containers: Array<{ name: string; image: string }>;
}

export async function listDeployments(kc: k8s.KubeConfig, namespace?: string): Promise<DeploymentRef[]> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const list = namespace ? await apps.listNamespacedDeployment({ namespace }) : await apps.listDeploymentForAllNamespaces();
  return list.items.map((d) => ({
    namespace: d.metadata?.namespace ?? 'default',
    name: d.metadata?.name ?? '',
    containers: (d.spec?.template.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '' })),
  }));
}

/** Set the image of one container; retries on write conflicts. Returns the generation that carries it. */
export async function setDeploymentImage(kc: k8s.KubeConfig, namespace: string, name: string, container: string, image: string): Promise<number> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  for (let attempt = 0; ; attempt++) {
    const d = await apps.readNamespacedDeployment({ name, namespace });
    const c = d.spec?.template.spec?.containers.find((x) => x.name === container);
    if (!c) throw new Error(`Deployment ${namespace}/${name} has no container "${container}"`);
    c.image = image;
    try {
      const updated = await apps.replaceNamespacedDeployment({ name, namespace, body: d });
      return updated.metadata?.generation ?? 0;
    } catch (err) {
      if ((err as { code?: number }).code === 409 && attempt < 5) continue;
      throw err;
    }
  }
}

export interface RolloutStatus {
  done: boolean;
  message: string;
}

/** One reading of a Deployment's rollout, with kubectl's wording. */
export function rolloutStatus(d: k8s.V1Deployment, minGeneration = 0): RolloutStatus {
  const gen = d.metadata?.generation ?? 0;
  const st = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  const name = d.metadata?.name;
  if ((st.observedGeneration ?? 0) < Math.max(gen, minGeneration)) return { done: false, message: `Waiting for deployment "${name}" spec update to be observed...` };
  const stuck = st.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
  if (stuck) throw new Error(`deployment "${name}" exceeded its progress deadline`);
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...` };
  if ((st.replicas ?? 0) > updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...` };
  if ((st.availableReplicas ?? 0) < updated) return { done: false, message: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...` };
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

export async function waitForRollout(
  kc: k8s.KubeConfig,
  namespace: string,
  name: string,
  opts: { minGeneration?: number; timeoutMs?: number; onStatus?: (message: string) => void; signal?: AbortSignal } = {},
): Promise<void> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const end = Date.now() + (opts.timeoutMs ?? 300_000);
  let last = '';
  for (;;) {
    if (opts.signal?.aborted) throw new Error('rollout watch cancelled');
    const s = rolloutStatus(await apps.readNamespacedDeployment({ name, namespace }), opts.minGeneration);
    if (s.message !== last) opts.onStatus?.((last = s.message));
    if (s.done) return;
    if (Date.now() > end) throw new Error(`timed out: ${s.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Pods of the Deployment that run `image` in `container` (the new ones after a rollout). */
export async function podsWithImage(kc: k8s.KubeConfig, namespace: string, name: string, container: string, image: string): Promise<string[]> {
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const d = await apps.readNamespacedDeployment({ name, namespace });
  const sel = Object.entries(d.spec?.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = await core.listNamespacedPod({ namespace, labelSelector: sel });
  return pods.items
    .filter((p) => p.spec?.containers.some((c) => c.name === container && c.image === image) && !p.metadata?.deletionTimestamp)
    .map((p) => p.metadata?.name ?? '')
    .filter(Boolean);
}

const WORKLOAD_POD_SPEC: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
};

export interface ManifestContainer {
  doc: number;
  kind: string;
  name: string;
  namespace?: string;
  container: string;
  image: string;
}

/** Containers of the workloads in a (multi-document) manifest, for the "which one" prompt. */
export function manifestContainers(text: string): ManifestContainer[] {
  const out: ManifestContainer[] = [];
  YAML.parseAllDocuments(text).forEach((doc, i) => {
    const obj = doc.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    const podPath = obj?.kind ? WORKLOAD_POD_SPEC[obj.kind] : undefined;
    if (!obj || !podPath) return;
    const containers = doc.getIn([...podPath, 'containers']);
    if (!YAML.isSeq(containers)) return;
    containers.items.forEach((c) => {
      if (!YAML.isMap(c)) return;
      out.push({ doc: i, kind: obj.kind!, name: obj.metadata?.name ?? '', namespace: obj.metadata?.namespace, container: String(c.get('name')), image: String(c.get('image') ?? '') });
    });
  });
  return out;
}

/**
 * Set one container's image in a manifest by replacing only that scalar's source text (quoting style
 * kept), so comments and formatting everywhere else stay byte-for-byte. Returns the new text and the
 * changed document as an object (to apply).
 */
export function setImageInManifest(text: string, target: Pick<ManifestContainer, 'doc' | 'kind' | 'name' | 'container'>, image: string): { text: string; object: k8s.KubernetesObject } {
  const docs = YAML.parseAllDocuments(text);
  const doc = docs[target.doc];
  const podPath = WORKLOAD_POD_SPEC[target.kind];
  if (!doc || !podPath) throw new Error(`No ${target.kind} document #${target.doc} in the manifest`);
  const containers = doc.getIn([...podPath, 'containers']);
  const idx = YAML.isSeq(containers) ? containers.items.findIndex((c) => YAML.isMap(c) && String(c.get('name')) === target.container) : -1;
  if (idx < 0) throw new Error(`${target.kind} ${target.name} has no container "${target.container}" in the manifest`);
  const node = doc.getIn([...podPath, 'containers', idx, 'image'], true);
  if (!YAML.isScalar(node) || !node.range) throw new Error(`${target.kind} ${target.name} container "${target.container}" has no image to replace`);
  const [from, to] = node.range;
  const quoted =
    node.type === 'QUOTE_DOUBLE' ? JSON.stringify(image)
    : node.type === 'QUOTE_SINGLE' ? `'${image.replace(/'/g, "''")}'`
    : /^[\w./:@-]+$/.test(image) && !/^[-:?]/.test(image) ? image
    : JSON.stringify(image);
  const newText = text.slice(0, from) + quoted + text.slice(to);
  doc.setIn([...podPath, 'containers', idx, 'image'], image);
  return { text: newText, object: doc.toJS() as k8s.KubernetesObject };
}

/** Server-side apply of one object, as `kubectl apply --server-side --field-manager=shipshape`. */
export async function applyObject(kc: k8s.KubeConfig, obj: k8s.KubernetesObject): Promise<k8s.KubernetesObject> {
  const client = k8s.KubernetesObjectApi.makeApiClient(kc);
  if (!obj.metadata?.namespace && obj.kind !== 'Namespace') obj.metadata = { ...obj.metadata, namespace: kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default' };
  return client.patch(obj, undefined, undefined, 'shipshape', true, k8s.PatchStrategy.ServerSideApply);
}

/**
 * Follow the logs of `pods` (one container each), one line at a time with the pod name first, until
 * `signal` aborts. Resolves once every stream is open.
 */
export async function followPodLogs(
  kc: k8s.KubeConfig,
  namespace: string,
  pods: string[],
  container: string,
  onLine: (pod: string, line: string) => void,
  signal: AbortSignal,
  tailLines = 100,
): Promise<void> {
  const log = new k8s.Log(kc);
  await Promise.all(
    pods.map(async (pod) => {
      let rest = '';
      const out = new Writable({
        write(chunk: Buffer, _enc, cb) {
          rest += chunk.toString('utf8');
          const lines = rest.split('\n');
          rest = lines.pop() ?? '';
          for (const l of lines) onLine(pod, l);
          cb();
        },
      });
      const ctl = await log.log(namespace, pod, container, out, { follow: true, tailLines });
      if (signal.aborted) ctl.abort();
      else signal.addEventListener('abort', () => ctl.abort(), { once: true });
    }),
  );
}
