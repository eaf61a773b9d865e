// Agreement between Shipshape and a REAL kube-apiserver (test/infra/kube). Every manifest of
// test/fixtures/kubernetes/{invalid,valid} is POSTed as YAML with dryRun=All&fieldValidation=Strict.
// - the server rejects it  -> Shipshape must report an error on the line marked `# cause`;
// - the server accepts it  -> Shipshape must report no error in that manifest.
// Nothing is mocked: discovery, admission and validation are the server's own.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { corpus, errorsIn, shipshapeFindings, type CorpusCase } from '../fixtures/kubernetes/corpus';
import type { Finding } from '../../server/src/core/diagnostics';

const env = process.env;
const skip: string | false =
  (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true'
    ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)'
    : false;

interface Reply {
  status: number;
  body: string;
}

function kubeConfig(): KubeConfig {
  assert.ok(env.KUBECONFIG, 'KUBECONFIG is not set: start test/infra/kube/up.sh and source $SHIPSHAPE_RUN_DIR/env/kube.env');
  assert.ok(env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT, 'SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT is not set');
  const kc = new KubeConfig();
  kc.loadFromFile(env.KUBECONFIG);
  kc.setCurrentContext(env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT);
  return kc;
}

async function request(kc: KubeConfig, method: string, path: string, body?: string, type = 'application/json'): Promise<Reply> {
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
function resolver(kc: KubeConfig) {
  const discovery = new Map<string, Promise<{ name: string; kind: string; namespaced: boolean }[] | undefined>>();
  return async (apiVersion: string, kind: string): Promise<{ path: string; namespaced: boolean } | undefined> => {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    if (!discovery.has(base)) {
      discovery.set(base, request(kc, 'GET', base).then((reply) => (reply.status === 200 ? JSON.parse(reply.body).resources : undefined)));
    }
    const resources = await discovery.get(base);
    const resource = resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    if (!resource) return undefined;
    return { path: resource.namespaced ? `${base}/namespaces/default/${resource.name}` : `${base}/${resource.name}`, namespaced: resource.namespaced };
  };
}

interface Verdict {
  accepted: boolean;
  message: string;
}

async function dryRun(kc: KubeConfig, resolve: ReturnType<typeof resolver>, c: CorpusCase): Promise<Verdict> {
  const apiVersion = String(c.object.apiVersion ?? '');
  const kind = String(c.object.kind ?? '');
  const target = await resolve(apiVersion, kind);
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

async function findingsByFile(cases: CorpusCase[]): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  for (const c of cases) if (!out.has(c.file)) out.set(c.file, await shipshapeFindings(c.file, '1.36'));
  return out;
}

const documentLines = (c: CorpusCase) => c.text.split('\n').length;

test('Shipshape agrees with kube-apiserver (dryRun=All, fieldValidation=Strict)', { skip, timeout: 300_000 }, async (t) => {
  const kc = kubeConfig();
  const version = JSON.parse((await request(kc, 'GET', '/version')).body) as { gitVersion: string };
  const resolve = resolver(kc);
  const invalid = corpus('invalid');
  const valid = corpus('valid');
  assert.ok(invalid.length >= 150, `the invalid corpus has only ${invalid.length} manifests`);
  const findings = await findingsByFile([...invalid, ...valid]);

  const problems: string[] = [];
  let rejected = 0;
  let flaggedOnCause = 0;
  let acceptedInvalid = 0;
  for (const c of invalid) {
    const verdict = await dryRun(kc, resolve, c);
    const errors = errorsIn(findings.get(c.file)!, c.startLine, c.startLine + documentLines(c));
    if (!verdict.accepted) {
      rejected++;
      if (errors.some((e) => e.range.start.line === c.causeLine)) flaggedOnCause++;
      else problems.push(`MISSED ${c.label}: server says "${verdict.message}"; Shipshape errors: ${errors.map((e) => `${e.range.start.line + 1}:${e.code}`).join(', ') || 'none'}`);
    } else {
      acceptedInvalid++;
      if (errors.length) problems.push(`FALSE POSITIVE ${c.label}: server accepts it; Shipshape: ${errors.map((e) => `${e.range.start.line + 1}:${e.code} ${e.message}`).join(' | ')}`);
    }
  }
  let acceptedValid = 0;
  for (const c of valid) {
    const verdict = await dryRun(kc, resolve, c);
    const errors = errorsIn(findings.get(c.file)!, c.startLine, c.startLine + documentLines(c));
    if (verdict.accepted) {
      acceptedValid++;
      if (errors.length) problems.push(`FALSE POSITIVE ${c.label}: ${errors.map((e) => `${e.range.start.line + 1}:${e.code} ${e.message}`).join(' | ')}`);
    } else {
      problems.push(`VALID CORPUS REJECTED ${c.label}: ${verdict.message}`);
    }
  }
  t.diagnostic(`kube-apiserver ${version.gitVersion}: invalid corpus ${invalid.length} (server rejected ${rejected}, Shipshape flagged ${flaggedOnCause} of them on the cause line; server accepted ${acceptedInvalid}); valid corpus ${valid.length} (server accepted ${acceptedValid})`);
  assert.deepEqual(problems, []);
});
