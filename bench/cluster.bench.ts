// Cluster explorer numbers on the real control plane (test/infra/kube, started here if
// KUBECONFIG is not set): time to the first tree page of a namespace with 5,000 pods created on
// the KWOK node, next-page time, a full unpaged list for comparison (what a non-paging explorer
// waits for), and log streaming throughput with memory at the view's bound.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterConnection } from '../client/src/kubernetes/cluster/connection';
import { loadKubeconfigs } from '../client/src/kubernetes/cluster/kubeconfig';
import { ExplorerModel, type ExplorerNode } from '../client/src/kubernetes/explorer/model';
import { LogView } from '../client/src/kubernetes/logs/log-view';
import { PodLogStream, type LogLine } from '../client/src/kubernetes/logs/pod-logs';
import type { KubeList } from '../client/src/kubernetes/resources/types';
import { ms, stats, table } from './support/stats';

const PODS = Number(process.env.SHIPSHAPE_BENCH_PODS ?? 5000);
const LOG_LINES = Number(process.env.SHIPSHAPE_BENCH_LOG_LINES ?? 200_000);
const MAX_LINES = 10_000;
const log = (m: string) => process.stderr.write(`  ${m}\n`);
const REPO = path.resolve(__dirname, '..');

function startClusterIfNeeded(): (() => void) | undefined {
  if (process.env.KUBECONFIG && process.env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) return undefined;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-kube-'));
  const env = { ...process.env, SHIPSHAPE_RUN_DIR: runDir };
  log(`starting test/infra/kube in ${runDir}`);
  const up = () => execFileSync('bash', [path.join(REPO, 'test/infra/kube/up.sh')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    up();
  } catch {
    // As in scripts/test.sh: one retry after a clean stop when a component dies while starting.
    log('the control plane failed to start; retrying once');
    execFileSync('bash', [path.join(REPO, 'test/infra/kube/down.sh')], { env, stdio: 'ignore' });
    up();
  }
  for (const line of fs.readFileSync(path.join(runDir, 'env/kube.env'), 'utf8').split('\n')) {
    const m = /^export ([A-Z_0-9]+)=(.*)$/.exec(line);
    if (m) process.env[m[1]!] = m[2]!;
  }
  return () => {
    execFileSync('bash', [path.join(REPO, 'test/infra/kube/down.sh')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    fs.rmSync(runDir, { recursive: true, force: true });
  };
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function countRunning(conn: ClusterConnection, ns: string): Promise<number> {
  let running = 0;
  let cont: string | undefined;
  do {
    const page = await conn.json<KubeList>(`/api/v1/namespaces/${ns}/pods`, { query: { limit: 1000, continue: cont } });
    running += page.items.filter((p) => p.status?.phase === 'Running').length;
    cont = page.metadata.continue || undefined;
  } while (cont);
  return running;
}

const labelOf = (n: ExplorerNode) => (n.type === 'category' ? n.category : n.type === 'kind' ? n.kind.title : n.type === 'context' ? n.context : '');

async function firstPage(kubeconfig: string, context: string, ns: string): Promise<{ connectMs: number; pageMs: number; shown: number; moreMs: number }> {
  const model = new ExplorerModel(loadKubeconfigs([kubeconfig]), { policy: { allowPlugins: false } });
  try {
    const t0 = performance.now();
    const ctx = (await model.children()).find((n) => labelOf(n) === context)!;
    model.setNamespace(ns, context);
    const workloads = (await model.children(ctx)).find((n) => labelOf(n) === 'Workloads')!;
    const pods = (await model.children(workloads)).find((n) => labelOf(n) === 'Pods')!;
    const t1 = performance.now();
    const kids = await model.children(pods);
    const t2 = performance.now();
    const more = kids.find((k) => k.type === 'more') as Extract<ExplorerNode, { type: 'more' }>;
    const t3 = performance.now();
    if (more) {
      await model.loadMore(more);
      await model.children(pods);
    }
    const t4 = performance.now();
    return { connectMs: t1 - t0, pageMs: t2 - t1, shown: kids.filter((k) => k.type === 'object').length, moreMs: t4 - t3 };
  } finally {
    model.dispose();
  }
}

async function main(): Promise<void> {
  const stop = startClusterIfNeeded();
  const sections: string[] = [];
  try {
    const kubeconfig = process.env.KUBECONFIG!;
    const context = process.env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT!;
    const node = process.env.SHIPSHAPE_TEST_KUBE_NODE!;
    const conn = ClusterConnection.forContext(loadKubeconfigs([kubeconfig]), context, { allowPlugins: false });
    const version = (await conn.version()).gitVersion;
    const ns = `bench-pods-${Date.now().toString(36)}`;
    await conn.json('/api/v1/namespaces', { method: 'POST', body: { metadata: { name: ns } } });
    // Pods need the namespace's default ServiceAccount (admission).
    for (let i = 0; i < 150; i++) {
      if (
        await conn.json(`/api/v1/namespaces/${ns}/serviceaccounts/default`).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`creating ${PODS} pods on ${node} in ${ns}`);
    const created0 = performance.now();
    await pool([...Array(PODS).keys()], 32, (i) =>
      conn.json(`/api/v1/namespaces/${ns}/pods`, {
        method: 'POST',
        body: { metadata: { name: `pod-${String(i).padStart(5, '0')}`, labels: { app: 'bench' } }, spec: { nodeName: node, containers: [{ name: 'app', image: 'registry.invalid/bench:1' }] } },
      }),
    );
    const createS = (performance.now() - created0) / 1000;
    log(`created in ${createS.toFixed(1)} s; waiting for Running`);
    let running = 0;
    const waitUntil = Date.now() + 300_000;
    while (Date.now() < waitUntil && (running = await countRunning(conn, ns)) < PODS) await new Promise((r) => setTimeout(r, 2000));
    log(`${running}/${PODS} Running`);

    const pages: { connectMs: number; pageMs: number; shown: number; moreMs: number }[] = [];
    for (let i = 0; i < 5; i++) pages.push(await firstPage(kubeconfig, context, ns));
    const fullList: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const all = await conn.json<KubeList>(`/api/v1/namespaces/${ns}/pods`);
      fullList.push(performance.now() - t);
      if (all.items.length !== PODS) throw new Error(`full list returned ${all.items.length} pods`);
    }
    const first = stats(pages.map((p) => p.pageMs));
    const connect = stats(pages.map((p) => p.connectMs));
    const more = stats(pages.map((p) => p.moreMs));
    const full = stats(fullList);

    // Log throughput: LOG_LINES lines appended to kwok's CRI log file, streamed through the API
    // server into a LogView bounded at MAX_LINES.
    const logFile = process.env.SHIPSHAPE_TEST_KUBE_POD_LOG_FILE!;
    {
      const stamp = new Date().toISOString().replace('Z', '000000Z');
      const chunk: string[] = [];
      for (let i = 0; i < LOG_LINES; i++) chunk.push(`${stamp} stdout F bench line ${i} ${'x'.repeat(60)}`);
      fs.appendFileSync(logFile, chunk.join('\n') + '\n');
    }
    const logPod = 'pod-00000';
    const runs: { label: string; linesPerS: number; mbPerS: number; heapMb: number; size: number; rssMb: number }[] = [];
    // Three runs at the default bound, then one with a view big enough to keep everything, for contrast.
    for (const [label, bound] of [
      ['1', MAX_LINES],
      ['2', MAX_LINES],
      ['3', MAX_LINES],
      ['unbounded (contrast)', LOG_LINES],
    ] as const) {
      globalThis.gc?.();
      let view: LogView | undefined = new LogView({ maxLines: bound });
      const stream = new PodLogStream(conn, { namespace: ns, pod: logPod, tailLines: LOG_LINES });
      let bytes = 0;
      stream.on('line', (l: LogLine) => {
        bytes += l.text.length + 1;
        view!.add(l);
      });
      const done = new Promise((res) => stream.once('end', res));
      const t = performance.now();
      await stream.start();
      await done;
      const s = (performance.now() - t) / 1000;
      stream.removeAllListeners();
      globalThis.gc?.();
      globalThis.gc?.();
      if (view.received !== LOG_LINES) throw new Error(`received ${view.received} of ${LOG_LINES} lines`);
      if (!view.text().includes(`bench line ${LOG_LINES - 1} `)) throw new Error('the view lost the newest line');
      const size = view.buffer.size;
      const received = view.received;
      const rssMb = process.memoryUsage().rss / 2 ** 20;
      // What the view retains: heap after GC with the view alive, minus heap after GC once it is dropped.
      const alive = process.memoryUsage().heapUsed;
      view = undefined;
      globalThis.gc?.();
      globalThis.gc?.();
      const heap = alive - process.memoryUsage().heapUsed;
      runs.push({ label, linesPerS: received / s, mbPerS: bytes / s / 2 ** 20, heapMb: heap / 2 ** 20, size, rssMb });
    }
    const lps = stats(runs.slice(0, 3).map((r) => r.linesPerS));

    await conn.json(`/api/v1/namespaces/${ns}`, { method: 'DELETE' }).catch(() => undefined);

    sections.push(`## Kubernetes explorer and logs (cluster.bench.ts)

Real kube-apiserver ${version} + etcd + KWOK on this machine (test/infra/kube). ${PODS} pods created directly on the KWOK node
(${createS.toFixed(1)} s at 32 concurrent requests; ${running} Running when measured). Each run is a fresh ExplorerModel
(no warm caches), page size 200, through the same door the extension uses.

${table(
  ['Measure', 'median', 'p95', 'min', 'max', 'n'],
  [
    ['Connect + expand context → Workloads → Pods (ms)', ms(connect.median), ms(connect.p95), ms(connect.min), ms(connect.max), connect.n],
    [`First tree page of ${PODS} pods (${pages[0]!.shown} shown, "show more" below) (ms)`, ms(first.median), ms(first.p95), ms(first.min), ms(first.max), first.n],
    ['"Show more": next page of 200 (ms)', ms(more.median), ms(more.p95), ms(more.min), ms(more.max), more.n],
    [`For comparison: one unpaged list of all ${PODS} pods (ms)`, ms(full.median), ms(full.p95), ms(full.min), ms(full.max), full.n],
  ],
)}

Log streaming: ${LOG_LINES.toLocaleString('en-US')} lines (~80 bytes) served by kwok through the API server, read by PodLogStream
(timestamps requested for exact resume, then stripped) into a LogView bounded at ${MAX_LINES.toLocaleString('en-US')} lines (the
\`shipshape.logs.maxLines\` default).

${table(
  ['Run', 'lines/s', 'MiB/s', 'lines kept', 'heap retained by the view (MiB)', 'process RSS (MiB)'],
  runs.map((r) => [r.label, Math.round(r.linesPerS).toLocaleString('en-US'), r.mbPerS.toFixed(1), r.size.toLocaleString('en-US'), r.heapMb.toFixed(1), r.rssMb.toFixed(0)]),
)}

Median ${Math.round(lps.median).toLocaleString('en-US')} lines/s (the machine's 2 cores also run the API server, etcd and kwok, and other jobs).
At the bound the heap holds ${MAX_LINES.toLocaleString('en-US')} lines whatever was streamed; the last row keeps all ${LOG_LINES.toLocaleString('en-US')} to show the difference.
`);
  } finally {
    stop?.();
  }
  process.stdout.write(sections.join('\n'));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
