// Helpers of the Kubernetes agreement tests: raw requests to the real kube-apiserver with the admin
// context of test/infra/kube, resource paths from the server's own discovery, dry-run verdicts.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { CorpusCase } from '../fixtures/kubernetes/corpus';

const env = process.env;

/** The admin context of up.sh's cluster, or of another one (up-agreement.sh's older kube-apiserver). */
export function kubeConfig(file = env.KUBECONFIG, context = env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT): KubeConfig {
  assert.ok(file, 'KUBECONFIG is not set: start test/infra/kube/up.sh and source $SHIPSHAPE_RUN_DIR/env/kube.env');
  assert.ok(context, 'SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT is not set');
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  kc.setCurrentContext(context);
  return kc;
}

export interface Reply {
  status: number;
  body: string;
}

export async function request(kc: KubeConfig, method: string, path: string, body?: string, type = 'application/json'): Promise<Reply> {
  const server = new URL(kc.getCurrentCluster()!.server);
  const options: https.RequestOptions = {
    method,
    hostname: server.hostname,
    port: server.port,
    path,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) },
  };
  await kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = https.request(options, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Resource path of a kind from the server's own discovery (cached per group/version). */
export function resolver(kc: KubeConfig) {
  const discovery = new Map<string, Promise<{ name: string; kind: string; namespaced: boolean }[] | undefined>>();
  return async (apiVersion: string, kind: string, namespace = 'default'): Promise<{ path: string; namespaced: boolean } | undefined> => {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (!discovery.has(base)) {
      discovery.set(base, request(kc, 'GET', base).then((reply) => (reply.status === 200 ? JSON.parse(reply.body).resources : undefined)));
    }
    const resources = await discovery.get(base);
    const resource = resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!resource) return undefined;
    return { path: resource.namespaced ? `${base}/namespaces/${namespace}/${resource.name}` : `${base}/${resource.name}`, namespaced: resource.namespaced };
  };
}

export interface Verdict {
  accepted: boolean;
  message: string;
}

export async function dryRun(kc: KubeConfig, resolve: ReturnType<typeof resolver>, c: CorpusCase): Promise<Verdict> {
  const apiVersion = String(c.object.apiVersion ?? '');
  const kind = String(c.object.kind ?? '');
  const metadata = c.object.metadata as { namespace?: unknown } | undefined;
  const target = await resolve(apiVersion, kind, typeof metadata?.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default');
  if (!target) return { accepted: false, message: `no matches for kind "${kind}" in version "${apiVersion}"` };
  const yaml = c.text.replace(/^---[^\n]*\n/, '');
  const reply = await request(kc, 'POST', `${target.path}?dryRun=All&fieldValidation=Strict`, yaml, 'application/yaml');
  if (reply.status >= 200 && reply.status < 300) return { accepted: true, message: '' };
  let message = reply.body;
  try {
    message = JSON.parse(reply.body).message ?? reply.body;
  } catch { /* plain text */ }
  return { accepted: false, message: `${reply.status} ${message}` };
}

