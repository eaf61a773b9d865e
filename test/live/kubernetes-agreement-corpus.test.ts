// The shared corpus of real-world manifests (/work/shared/corpus/kubernetes, read-only) against the REAL
// kube-apiserver: every document the server accepts (dryRun=All, fieldValidation=Strict) must get no
// Shipshape error; every document it rejects must get a Shipshape error or warning (a removed API, a
// template placeholder, an unknown kind…), unless the rejection is about cluster state, not the manifest.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { cachedChartProbe } from '../../server/src/core/chart-probe';
import type { Finding } from '../../server/src/core/diagnostics';
import { loadFile } from '../../server/src/core/load';
import { normalizeSettings } from '../../server/src/core/settings';
import { FileWorkspace } from '../../server/src/core/workspace';
import { createRegistry } from '../../server/src/languages';
import { casesOfFile } from '../fixtures/kubernetes/corpus';
import { installCatalogCrds } from './bundled-crds-support';
import { dryRun, kubeConfig, request, resolver } from './kubernetes-agreement-support';

// ../shared/corpus beside the repository, as the other corpus tests find it.
const CORPUS = process.env.SHIPSHAPE_KUBE_CORPUS ?? path.resolve(__dirname, '../../../shared/corpus/kubernetes');
const env = process.env;
const skip: string | false =
  (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true'
    ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)'
    : !fs.existsSync(CORPUS) && env.CI !== 'true'
      ? `${CORPUS} not present`
      : false;

/** Rejections that depend on what is in the cluster, not on the manifest. */
const CLUSTER_STATE = /already exists|namespaces? "[^"]+" not found|is forbidden: unable to create new content in namespace/;

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? walk(full) : /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

test('shared corpus: no Shipshape error where kube-apiserver accepts, a finding where it rejects', { skip, timeout: 600_000 }, async (t) => {
  const kc = kubeConfig();
  // The corpus's custom resources of bundled sets (ServiceMonitor, PrometheusRule…) get the server's verdict, not
  // "no matches for kind": Shipshape checks them offline against the same bundled CRDs.
  t.after(await installCatalogCrds(kc));
  const resolve = resolver(kc);
  const settings = normalizeSettings({ kubernetes: { version: '1.36' } });
  const probe = cachedChartProbe();
  const workspace = new FileWorkspace();
  const registry = createRegistry();
  const files = walk(CORPUS)
    .map((file) => loadFile(file, fs.readFileSync(file, 'utf8'), settings, probe))
    .filter((f) => f?.kind === 'kubernetes');
  for (const file of files) workspace.setIndexed(file!);

  const falsePositives: string[] = [];
  const unflagged: string[] = [];
  let accepted = 0;
  let rejected = 0;
  let rejectedFlagged = 0;
  let clusterState = 0;
  for (const file of files) {
    const findings: Finding[] = await registry.validate(file!, { settings, workspace });
    for (const c of casesOfFile(file!.path)) {
      if (typeof c.object.apiVersion !== 'string' || typeof c.object.kind !== 'string') continue;
      const namespace = (c.object.metadata as { namespace?: unknown } | undefined)?.namespace;
      if (typeof namespace === 'string' && namespace) {
        await request(kc, 'POST', '/api/v1/namespaces', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }));
      }
      const verdict = await dryRun(kc, resolve, c);
      const end = c.startLine + c.text.split('\n').length;
      const mine = findings.filter((f) => f.range.start.line >= c.startLine && f.range.start.line < end);
      const errors = mine.filter((f) => f.severity === DiagnosticSeverity.Error);
      const where = path.relative(CORPUS, c.file) + `:${c.startLine + 1}`;
      if (verdict.accepted) {
        accepted++;
        if (errors.length) falsePositives.push(`${where} (${c.object.kind}): ${errors.map((e) => `${e.range.start.line + 1}:${e.code} ${e.message}`).join(' | ')}`);
      } else if (CLUSTER_STATE.test(verdict.message)) {
        clusterState++;
      } else {
        rejected++;
        if (mine.some((f) => f.severity === DiagnosticSeverity.Error || f.severity === DiagnosticSeverity.Warning)) rejectedFlagged++;
        else unflagged.push(`${where} (${c.object.kind}): ${verdict.message.slice(0, 300)}`);
      }
    }
  }
  t.diagnostic(`${files.length} Kubernetes files: server accepted ${accepted} documents, rejected ${rejected} (Shipshape flagged ${rejectedFlagged}), ${clusterState} rejected for cluster state`);
  for (const line of unflagged) t.diagnostic(`not flagged: ${line}`);
  assert.deepEqual(falsePositives, [], 'Shipshape errors on documents kube-apiserver accepts');
  assert.deepEqual(unflagged, [], 'documents kube-apiserver rejects that Shipshape does not flag');
});
