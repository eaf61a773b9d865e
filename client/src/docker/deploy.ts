// The Kubernetes half of "Build and Deploy": set a freshly pushed image on a Deployment's container
// and follow the rollout the way `kubectl rollout status` does. Uses @kubernetes/client-node directly
// with a KubeConfig the caller loads (the cluster explorer lives in client/src/kubernetes).
import * as k8s from '@kubernetes/client-node';

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
