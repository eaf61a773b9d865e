// The Kubernetes half of "Build and Deploy": set a freshly pushed image on a Deployment's container
// (or apply the edited manifest) in the context chosen in the Kubernetes explorer, through the change
// door like every other cluster change (dry run, protected contexts, server-side apply without force),
// and follow the rollout the way `kubectl rollout status` does.
import type * as k8s from '@kubernetes/client-node';
import * as YAML from 'yaml';
import { applyChanges } from '../kubernetes/actions/apply';
import { setImageChange } from '../kubernetes/actions/workload';
import type { ChangeDoor } from '../kubernetes/change/door';
import type { ClusterConnection } from '../kubernetes/cluster/connection';
import { PodLogStream, type LogLine } from '../kubernetes/logs/pod-logs';
import { kindByName } from '../kubernetes/resources/kinds';
import { podContainers, podSpecPath } from '../kubernetes/resources/pod-spec';
import type { KubeList, KubeObject } from '../kubernetes/resources/types';

export interface DeploymentRef {
  namespace: string;
  name: string;
  containers: Array<{ name: string; image: string }>;
}

export async function listDeployments(conn: ClusterConnection, namespace?: string): Promise<DeploymentRef[]> {
  const list = await conn.json<KubeList>(namespace ? `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments` : '/apis/apps/v1/deployments');
  return list.items.map((d) => ({
    namespace: d.metadata.namespace ?? 'default',
    name: d.metadata.name,
    containers: podContainers('Deployment', d).map((c) => ({ name: c.name, image: c.image ?? '' })),
  }));
}

export type DeployTarget =
  | { kind: 'deployment'; namespace: string; name: string; container: string }
  /** The manifest's Deployment with the new image set in it (setImageInManifest). */
  | { kind: 'manifest'; object: KubeObject };

export interface Deployed {
  namespace: string;
  name: string;
  /** The generation that carries the new image: the rollout to wait for. */
  generation: number;
}

/**
 * Sets the image through the change door in `context`: a strategic-merge patch of one container (as
 * `kubectl set image`) for a Deployment of the cluster, a server-side apply without force for a manifest.
 * Undefined when the person declined; throws the server's refusal (a conflict names the field's manager).
 */
export async function deployImage(door: ChangeDoor, conn: ClusterConnection, target: DeployTarget, image: string): Promise<Deployed | undefined> {
  if (target.kind === 'deployment') {
    // As kubectl set image: a name the Deployment does not have is an error (a strategic merge would add it).
    const d = await conn.json<KubeObject>(deploymentPath(target.namespace, target.name));
    if (!podContainers('Deployment', d).some((c) => c.name === target.container)) throw new Error(`Deployment ${target.namespace}/${target.name} has no container "${target.container}"`);
  }
  const mutation = target.kind === 'deployment' ? setImageChange({ kind: kindByName('Deployment')!, namespace: target.namespace, name: target.name }, target.container, image) : (await applyChanges(conn, [target.object]))[0]!;
  const outcome = await door.change({ context: conn.context, verb: 'deploy', target: `${mutation.ref} with ${image}`, confirm: true, mutations: [mutation] });
  const result = outcome.done ? outcome.results[0]! : outcome.reason === 'dry-run failed' ? outcome.preview[0]! : undefined;
  if (!result) return undefined;
  if (result.status === 'failed') throw new Error(`${mutation.ref}: ${result.error}`);
  const m = result.object!.metadata;
  return { namespace: m.namespace ?? conn.namespace, name: m.name, generation: Number(m.generation ?? 0) };
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

export async function waitForRollout(conn: ClusterConnection, namespace: string, name: string, opts: { minGeneration?: number; timeoutMs?: number; onStatus?: (message: string) => void; signal?: AbortSignal } = {}): Promise<void> {
  const end = Date.now() + (opts.timeoutMs ?? 300_000);
  let last = '';
  for (;;) {
    if (opts.signal?.aborted) throw new Error('rollout watch cancelled');
    const s = rolloutStatus(await conn.json<k8s.V1Deployment>(deploymentPath(namespace, name)), opts.minGeneration);
    if (s.message !== last) opts.onStatus?.((last = s.message));
    if (s.done) return;
    if (Date.now() > end) throw new Error(`timed out: ${s.message}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const deploymentPath = (namespace: string, name: string) => `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`;

/** Pods of the Deployment that run `image` in `container` (the new ones after a rollout). */
export async function podsWithImage(conn: ClusterConnection, namespace: string, name: string, container: string, image: string): Promise<string[]> {
  const d = await conn.json<KubeObject>(deploymentPath(namespace, name));
  const sel = Object.entries((d.spec?.selector?.matchLabels ?? {}) as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await conn.json<KubeList>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, { query: { labelSelector: sel } });
  return pods.items.filter((p) => (p.spec?.containers ?? []).some((c: { name: string; image?: string }) => c.name === container && c.image === image) && !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
}

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
    const podPath = obj?.kind ? podSpecPath(obj.kind) : undefined;
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
export function setImageInManifest(text: string, target: Pick<ManifestContainer, 'doc' | 'kind' | 'name' | 'container'>, image: string): { text: string; object: KubeObject } {
  const docs = YAML.parseAllDocuments(text);
  const doc = docs[target.doc];
  const podPath = podSpecPath(target.kind);
  if (!doc || !podPath) throw new Error(`No ${target.kind} document #${target.doc} in the manifest`);
  const containers = doc.getIn([...podPath, 'containers']);
  const idx = YAML.isSeq(containers) ? containers.items.findIndex((c) => YAML.isMap(c) && String(c.get('name')) === target.container) : -1;
  if (idx < 0) throw new Error(`${target.kind} ${target.name} has no container "${target.container}" in the manifest`);
  const node = doc.getIn([...podPath, 'containers', idx, 'image'], true);
  if (!YAML.isScalar(node) || !node.range) throw new Error(`${target.kind} ${target.name} container "${target.container}" has no image to replace`);
  const [from, to] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' ? JSON.stringify(image) : node.type === 'QUOTE_SINGLE' ? `'${image.replace(/'/g, "''")}'` : /^[\w./:@-]+$/.test(image) && !/^[-:?]/.test(image) ? image : JSON.stringify(image);
  const newText = text.slice(0, from) + quoted + text.slice(to);
  doc.setIn([...podPath, 'containers', idx, 'image'], image);
  return { text: newText, object: doc.toJS() as KubeObject };
}

/**
 * Follow the logs of `pods` (one container each), one line at a time with the pod name first, until
 * `signal` aborts or the pods end. Resolves once every stream is open. Lines are bounded and a finished
 * pod stops being followed (PodLogStream).
 */
export async function followPodLogs(conn: ClusterConnection, namespace: string, pods: string[], container: string, onLine: (pod: string, line: string) => void, signal: AbortSignal, tailLines = 100): Promise<void> {
  await Promise.all(
    pods.map(async (pod) => {
      const stream = new PodLogStream(conn, { namespace, pod, container, follow: true, tailLines, followReplacement: false, replacementTimeoutMs: 0 });
      stream.on('line', (l: LogLine) => onLine(pod, l.text));
      await stream.start();
      if (signal.aborted) stream.stop();
      else signal.addEventListener('abort', () => stream.stop(), { once: true });
    }),
  );
}
