// Helpers of the Kubernetes agreement tests: raw requests to the real kube-apiserver with the admin
// context of test/infra/kube, resource paths from the server's own discovery, dry-run verdicts.
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { casesOfFile, errorsIn, shipshapeFindings, type CorpusCase } from '../fixtures/kubernetes/corpus';
import type { Finding } from '../../server/src/core/diagnostics';

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
      discovery.set(
        base,
        request(kc, 'GET', base).then((reply) => (reply.status === 200 ? JSON.parse(reply.body).resources : undefined)),
      );
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
  // A List is no API resource: kubectl creates its items one by one, so each item gets its own verdict.
  const items = c.object.items;
  if (typeof c.object.kind === 'string' && c.object.kind.endsWith('List') && Array.isArray(items) && !(await resolve(String(c.object.apiVersion ?? ''), c.object.kind))) {
    const refused: string[] = [];
    for (const [index, item] of items.entries()) {
      const object = (item ?? {}) as Record<string, unknown>;
      const verdict = await dryRun(kc, resolve, { ...c, object, text: JSON.stringify(object) });
      if (!verdict.accepted) refused.push(`items[${index}]: ${verdict.message}`);
    }
    return { accepted: refused.length === 0, message: refused.join(' | ') };
  }
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
  } catch {
    /* plain text */
  }
  return { accepted: false, message: `${reply.status} ${message}` };
}

/** Shipshape's findings for every file of the cases, targeting `version`. */
export async function findingsByFile(cases: CorpusCase[], version: string): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  for (const c of cases) if (!out.has(c.file)) out.set(c.file, await shipshapeFindings(c.file, version));
  return out;
}

/** Shipshape's errors inside one case's manifest. */
export function errorsOf(findings: Map<string, Finding[]>, c: CorpusCase): Finding[] {
  return errorsIn(findings.get(c.file)!, c.startLine, c.startLine + c.text.split('\n').length);
}

export const describeErrors = (errors: Finding[]) => errors.map((e) => `${e.range.start.line + 1}:${e.code} ${e.message}`).join(' | ') || 'none';

/**
 * One case judged against the server's verdict: a rejected manifest must carry an error on its cause line
 * (anywhere in it when none is marked), an accepted one none. `server` and `target` name the two sides.
 */
export function judge(c: CorpusCase, verdict: Verdict, errors: Finding[], server: string, target: string): { flagged: boolean; problem?: string } {
  if (verdict.accepted) {
    return { flagged: false, problem: errors.length ? `FALSE POSITIVE ${c.label}: ${server} accepts it; Shipshape (${target}): ${describeErrors(errors)}` : undefined };
  }
  const flagged = c.causeLine === undefined ? errors.length > 0 : errors.some((e) => e.range.start.line === c.causeLine);
  return { flagged, problem: flagged ? undefined : `MISSED ${c.label}: ${server} says "${verdict.message}"; Shipshape (${target}) errors: ${describeErrors(errors)}` };
}

/**
 * Dry-runs every case of a file and compares with Shipshape's findings on it: a rejection must have an error on
 * its cause line; an accepted document must have no error and no cause line claimed. Returns the disagreements.
 */
export async function compareFile(kc: KubeConfig, resolve: ReturnType<typeof resolver>, filePath: string, findings: Finding[]): Promise<{ problems: string[]; rejected: number; cases: number }> {
  const problems: string[] = [];
  let rejected = 0;
  let cases = 0;
  for (const c of casesOfFile(filePath)) {
    cases++;
    const verdict = await dryRun(kc, resolve, c);
    const end = c.startLine + c.text.split('\n').length;
    const errors = findings.filter((f) => f.severity === DiagnosticSeverity.Error && f.range.start.line >= c.startLine && f.range.start.line < end);
    if (!verdict.accepted) {
      rejected++;
      if (!errors.some((e) => e.range.start.line === c.causeLine)) problems.push(`MISSED ${c.label}: ${verdict.message}`);
    } else if (errors.length || c.causeLine !== undefined) {
      problems.push(`${c.causeLine !== undefined ? 'SERVER ACCEPTS' : 'FALSE POSITIVE'} ${c.label}: ${errors.map((e) => e.message).join(' | ')}`);
    }
  }
  return { problems, rejected, cases };
}
