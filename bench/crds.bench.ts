/**
 * Bundled CRDs (issue 18): open → diagnostics, one-line edit → diagnostics and completion on a generated
 * file of 200 custom resources of the bundled sets (HTTPRoutes, ServiceMonitors, PrometheusRules,
 * Certificates, VirtualServices, Applications), every tenth with one defect, through the real servers over
 * stdio: Shipshape and yaml-language-server 2.0.0 in the same run (set up as in kubernetes.bench.ts; with its
 * CRD store off, as offline, it has no schema for these kinds). Each open is fresh text, so no cache helps.
 * Also: a plain Dockerfile's spawn → first diagnostics with this build, and with a baseline build when
 * BENCH_BASELINE names another checkout whose dist/ is built (the commit before the catalog), reading which
 * catalog files each server reads (a preloaded fs hook): the catalog must stay off that path.
 * Run `npm run build` first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../client/src/language/launch-flags';
import { LspClient } from '../test/support/lsp-client';
import { measure, PEER_SETUP, servers as serverList, type Manifest, type Result } from './support/manifest-server';
import { ms, stats, table } from './support/stats';

const OPENS = Number(process.env.BENCH_OPENS ?? 15);
const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 60);
const DOCS = 200;

/** One custom resource per kind in turn; `broken` ones carry one defect (an unknown field or a bad enum). */
function resource(i: number, run: string, broken: boolean): string[] {
  const meta = (apiVersion: string, kind: string) => ['---', `apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: r-${i}`, '  labels:', `    run: ${run}`];
  switch (i % 6) {
    case 0:
      return [
        ...meta('gateway.networking.k8s.io/v1', 'HTTPRoute'),
        'spec:',
        '  parentRefs:',
        '    - name: web',
        '  hostnames:',
        `    - shop-${i}.example.com`,
        '  rules:',
        '    - matches:',
        '        - path:',
        `            type: ${broken ? 'Prefix' : 'PathPrefix'}`,
        '            value: /cart',
        '      backendRefs:',
        '        - name: cart',
        '          port: 8080',
        '          weight: 90',
      ];
    case 1:
      return [
        ...meta('monitoring.coreos.com/v1', 'ServiceMonitor'),
        'spec:',
        '  selector:',
        '    matchLabels:',
        `      app: api-${i}`,
        '  endpoints:',
        '    - port: metrics',
        `      ${broken ? 'intervall' : 'interval'}: 30s`,
        '      path: /metrics',
      ];
    case 2:
      return [
        ...meta('monitoring.coreos.com/v1', 'PrometheusRule'),
        'spec:',
        '  groups:',
        `    - name: group-${i}`,
        '      rules:',
        '        - alert: ApiDown',
        '          expr: up{job="api"} == 0',
        `          ${broken ? 'fore' : 'for'}: 5m`,
        '          labels:',
        '            severity: critical',
      ];
    case 3:
      return [
        ...meta('cert-manager.io/v1', 'Certificate'),
        'spec:',
        `  secretName: tls-${i}`,
        '  dnsNames:',
        `    - shop-${i}.example.com`,
        '  privateKey:',
        `    algorithm: ${broken ? 'DSA' : 'ECDSA'}`,
        '  issuerRef:',
        '    name: letsencrypt',
        '    kind: ClusterIssuer',
      ];
    case 4:
      return [
        ...meta('networking.istio.io/v1', 'VirtualService'),
        'spec:',
        '  hosts:',
        `    - reviews-${i}`,
        '  http:',
        '    - route:',
        '        - destination:',
        '            host: reviews',
        '            subset: v1',
        `          ${broken ? 'wieght' : 'weight'}: 100`,
      ];
    default:
      return [
        ...meta('argoproj.io/v1alpha1', 'Application'),
        'spec:',
        '  project: default',
        '  source:',
        '    repoURL: https://github.com/example/shop.git',
        `    ${broken ? 'revision' : 'targetRevision'}: main`,
        '    path: deploy',
        '  destination:',
        '    server: https://kubernetes.default.svc',
        `    namespace: shop-${i}`,
      ];
  }
}

const MANIFEST: Manifest = {
  generate: (run, docs) => Array.from({ length: docs }, (_, i) => resource(i, run, i % 10 === 7).join('\n')).join('\n') + '\n',
  edit: { line: '          weight: 90', character: 18, values: ['8', '9'] },
  completionAfter: '        - name: cart',
  completionCharacter: 10,
};

const STARTS = Number(process.env.BENCH_STARTS ?? 12);
const DOCKERFILE = { name: 'Dockerfile', languageId: 'dockerfile', text: 'FROM node:22\nRUN npm ci\nCMD ["node", "server.js"]\n' };

/** Spawn → first diagnostics of a Dockerfile per start, and every catalog file the server read meanwhile. */
async function starts(dir: string, launcher: string | undefined, open: { name: string; languageId: string; text: string }, count: number): Promise<{ samples: number[]; catalogReads: number }> {
  const hook = path.join(dir, 'catalog-reads.cjs');
  fs.writeFileSync(
    hook,
    "const fs = require('node:fs'); const read = fs.readFileSync; fs.readFileSync = function (p, ...rest) { if (String(p).includes('schemas/crds/')) process.stderr.write('catalog-read ' + p + '\\n'); return read.call(this, p, ...rest); };\n",
  );
  const file = path.join(dir, open.name);
  fs.writeFileSync(file, open.text);
  const samples: number[] = [];
  let catalogReads = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const { client } = await LspClient.start({ rootPath: dir, server: launcher, env: { ...process.env, NODE_OPTIONS: `--require ${hook}` } });
    const uri = `file://${file}`;
    client.open(uri, open.languageId, open.text);
    await client.waitForDiagnostics(uri);
    samples.push(performance.now() - started);
    catalogReads += client.stderr.split('\n').filter((line) => line.startsWith('catalog-read ')).length;
    await client.stop();
  }
  return { samples, catalogReads };
}

async function startupSection(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-crds-start-'));
  const baseline = process.env.BENCH_BASELINE;
  const builds: [string, string | undefined][] = [['this build', undefined]];
  if (baseline) builds.push([`baseline (${path.basename(baseline)})`, path.join(baseline, 'bin', 'shipshape-language-server.js')]);
  // Interleaved, one start of each build in turn, so neither gets the warmer machine (page cache, compile cache).
  const results = builds.map(([label]) => ({ label, samples: [] as number[], catalogReads: 0 }));
  for (let i = 0; i < STARTS; i++) {
    for (const [index, [, launcher]] of builds.entries()) {
      const one = await starts(dir, launcher, DOCKERFILE, 1);
      results[index].samples.push(...one.samples);
      results[index].catalogReads += one.catalogReads;
    }
  }
  // The hook's own check: a custom resource does read the catalog (its index and one group-version).
  const route = await starts(dir, undefined, { name: 'route.yaml', languageId: 'yaml', text: MANIFEST.generate('s', 1) }, 3);
  results.push({ label: 'this build, opening one HTTPRoute instead (the hook sees the catalog read)', ...route });
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    `Startup: ${STARTS} server starts per build, interleaved (\`bin/shipshape-language-server.js --stdio\` over LSP), each opening a 3-line Dockerfile; spawn → first diagnostics, and how many catalog files (schemas/crds/) the server read.`,
    '',
    table(
      ['Build', 'spawn → first Dockerfile diagnostics (median)', 'p95', 'catalog files read per start'],
      results.map((r) => [r.label, `${ms(stats(r.samples).median)} ms`, `${ms(stats(r.samples).p95)} ms`, String(r.catalogReads / r.samples.length)]),
    ),
    '',
  ];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-crds-bench-'));
  const servers = serverList();
  const results: Result[] = [];
  const node = process.execPath;
  for (const server of servers) {
    process.stderr.write(`${server.name}\n`);
    results.push(await measure(server, dir, node, { docs: DOCS, opens: OPENS, edits: EDITS, completions: COMPLETIONS, manifest: MANIFEST }));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const [ours, peer] = results;
  const lines = MANIFEST.generate('x', DOCS).split('\n').length - 1;
  const row = (label: string, pick: (r: Result) => number[], quantile: 'median' | 'p95' | 'first', goal: string) => {
    const x = quantile === 'first' ? pick(ours)[0] : stats(pick(ours))[quantile];
    const y = quantile === 'first' ? pick(peer)[0] : stats(pick(peer))[quantile];
    return [label, `${ms(x)} ms`, `${ms(y)} ms`, goal];
  };
  const out = [
    '## Custom resources of the bundled CRDs (crds.bench.ts)',
    '',
    `A generated ${lines}-line file of ${DOCS} custom resources (HTTPRoute, ServiceMonitor, PrometheusRule, Certificate, VirtualService, Application in turn; every tenth with one defect: ${DOCS / 10} errors), through each server over stdio in the same run, no workspace CRD, no cluster.`,
    PEER_SETUP,
    `Machine load average during the run: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min, ${os.cpus().length} cores shared with other work). Both servers on Node ${process.version}; Shipshape with ${SERVER_NODE_FLAGS.join(' ')}.`,
    `Open: ${OPENS} opens of fresh text each in the same server (the first also reads the bundled group-versions it needs); edit: ${EDITS} one-line edits (an HTTPRoute backend weight) in the middle document; completion: ${COMPLETIONS} requests in HTTPRoute backendRefs.`,
    '',
    table(
      ['Measure', 'Shipshape', 'yaml-language-server', 'Goal'],
      [
        row('open → diagnostics (median)', (r) => r.open, 'median', ''),
        row('first open → diagnostics (bundled schemas read, code not yet compiled by the JIT)', (r) => r.open, 'first', ''),
        row('one-line edit → diagnostics (median)', (r) => r.edit, 'median', '≤ 20 ms'),
        row('completion (p95)', (r) => r.completion, 'p95', '≤ 30 ms'),
        ['server RSS after the run', `${ours.rssMb.toFixed(0)} MB`, `${peer.rssMb.toFixed(0)} MB`, ''],
        ['diagnostics on the file', String(ours.diagnostics), String(peer.diagnostics), `${DOCS / 10} (one per defect)`],
      ],
    ),
    '',
    ...(await startupSection()),
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
