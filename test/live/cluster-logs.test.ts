// Logs against the real API server (kwok serves every container's log from one CRI file that the
// tests append to): tail, follow, timestamps, follow surviving an API-server restart without
// duplicates, follow moving to the replacement pod, merged logs of a workload, bounded memory.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { LogView } from '../../client/src/kubernetes/logs/log-view';
import { MergedLogs } from '../../client/src/kubernetes/logs/merged-logs';
import { PodLogStream, type LogLine } from '../../client/src/kubernetes/logs/pod-logs';
import { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import type { RequestOptions } from '../../client/src/kubernetes/cluster/request';
import { appendLog, connect, createDeployment, id, kubeSkip, liveTest, requireEnv, sleep, tempNamespace, until, waitRunning } from './cluster-support';

function collect(stream: NodeJS.EventEmitter): { lines: LogLine[]; notices: string[] } {
  const out = { lines: [] as LogLine[], notices: [] as string[] };
  stream.on('line', (l: LogLine) => out.lines.push(l));
  stream.on('notice', (n: string) => out.notices.push(n));
  return out;
}

liveTest(
  'pod logs: tail, follow, timestamps; a follow survives an API-server restart without repeating lines',
  { skip: kubeSkip, timeout: 360_000 },
  async () => {
    const admin = connect('admin');
    const { ns, cleanup } = await tempNamespace(admin, 'shipshape-logs');
    const streams: PodLogStream[] = [];
    try {
      await createDeployment(admin, ns, 'talker');
      const [pod] = await waitRunning(admin, ns, 'app=talker');
      const tag = id();
      appendLog(`tail-check-${tag}`);

      // tail 1 without follow: exactly the last line, then the stream ends.
      const tail = new PodLogStream(admin, { namespace: ns, pod: pod!.metadata.name, tailLines: 1 });
      const tailOut = collect(tail);
      const ended = new Promise((r) => tail.once('end', r));
      await tail.start();
      assert.equal(await ended, 'complete');
      assert.deepEqual(
        tailOut.lines.map((l) => l.text),
        [`tail-check-${tag}`],
      );
      assert.equal(tailOut.lines[0]!.container, 'app');
      assert.match(tailOut.lines[0]!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
      const view = new LogView({ maxLines: 100 });
      view.add(tailOut.lines[0]!);
      assert.equal(view.text(), `tail-check-${tag}\n`, 'timestamps are stripped unless asked for');
      const stamped = new LogView({ maxLines: 100, timestamps: true });
      stamped.add(tailOut.lines[0]!);
      assert.match(stamped.text(), /^\d{4}-\d\d-\d\dT\S+ tail-check-/);

      // follow
      const follow = new PodLogStream(admin, { namespace: ns, pod: pod!.metadata.name, follow: true, tailLines: 1 });
      streams.push(follow);
      const out = collect(follow);
      await follow.start();
      await until('the tail line', 10_000, () => out.lines.some((l) => l.text === `tail-check-${tag}`) || undefined);
      appendLog(`live-1-${tag}`);
      await until('live-1 while following', 15_000, () => out.lines.some((l) => l.text === `live-1-${tag}`) || undefined);

      // --settle: return only when the controllers, scheduler and kwok work again, so the tests after this one
      // do not race client-go's reconnect backoff.
      execFileSync('bash', [requireEnv('SHIPSHAPE_TEST_KUBE_RESTART_APISERVER'), '--settle'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 240_000 });
      appendLog(`live-2-${tag}`);
      await until('live-2 after the API-server restart', 60_000, () => out.lines.some((l) => l.text === `live-2-${tag}`) || undefined);
      assert.ok(follow.reconnects >= 1, 'the stream was reopened');
      const texts = out.lines.map((l) => l.text).filter((t) => t.endsWith(tag));
      assert.deepEqual(texts, [`tail-check-${tag}`, `live-1-${tag}`, `live-2-${tag}`], 'nothing lost, nothing repeated');
    } finally {
      for (const s of streams) s.stop();
      await cleanup();
    }
  },
  'exclusive',
);

liveTest('following the logs of a pod that is replaced moves on to the new pod', { skip: kubeSkip, timeout: 180_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-logs-restart');
  let follow: PodLogStream | undefined;
  try {
    await createDeployment(admin, ns, 'phoenix');
    const [first] = await waitRunning(admin, ns, 'app=phoenix');
    const tag = id();
    follow = new PodLogStream(admin, { namespace: ns, pod: first!.metadata.name, follow: true, tailLines: 1 });
    const out = collect(follow);
    await follow.start();
    appendLog(`before-${tag}`);
    await until('before-line', 15_000, () => out.lines.some((l) => l.text === `before-${tag}`) || undefined);

    await admin.json(`/api/v1/namespaces/${ns}/pods/${first!.metadata.name}`, { method: 'DELETE', body: { gracePeriodSeconds: 0 } });
    const [second] = await waitRunning(admin, ns, 'app=phoenix', 1, [first!.metadata.name]);
    await until('the stream switched to the replacement', 60_000, () => (follow!.pod === second!.metadata.name ? true : undefined));
    appendLog(`after-${tag}`);
    const after = await until('after-line from the new pod', 30_000, () => out.lines.find((l) => l.text === `after-${tag}`));
    assert.equal(after.pod, second!.metadata.name);
    assert.ok(follow.switches >= 1);
    assert.ok(
      out.notices.some((n) => n.includes(`following ${second!.metadata.name}`)),
      out.notices.join('\n'),
    );
  } finally {
    follow?.stop();
    await cleanup();
  }
});

liveTest('merged logs of a workload: every pod with a prefix, pods joining later are followed, memory stays at the bound', { skip: kubeSkip, timeout: 180_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-logs-merged');
  let merged: MergedLogs | undefined;
  try {
    await createDeployment(admin, ns, 'fleet', 2);
    const pods = await waitRunning(admin, ns, 'app=fleet', 2);
    merged = new MergedLogs(admin, { namespace: ns, labelSelector: 'app=fleet', tailLines: 1, follow: true });
    const view = new LogView({ maxLines: 50, prefix: true });
    const out = collect(merged);
    merged.on('line', (l: LogLine) => view.add(l));
    await merged.start();
    await until('two pods followed', 20_000, () => (merged!.following.length === 2 ? true : undefined));
    const tag = id();
    appendLog(`fleet-${tag}`);
    await until('the line from both pods', 20_000, () => (out.lines.filter((l) => l.text === `fleet-${tag}`).length === 2 ? true : undefined));
    assert.deepEqual(
      out.lines
        .filter((l) => l.text === `fleet-${tag}`)
        .map((l) => l.pod)
        .sort(),
      pods.map((p) => p.metadata.name).sort(),
    );
    assert.ok(
      view
        .text()
        .split('\n')
        .some((l) => l === `[${pods[0]!.metadata.name}/app] fleet-${tag}`),
    );

    // Scale up: the third pod joins the stream.
    await admin.json(`/apis/apps/v1/namespaces/${ns}/deployments/fleet/scale`, { method: 'PATCH', body: { spec: { replicas: 3 } }, contentType: 'application/merge-patch+json' });
    await waitRunning(admin, ns, 'app=fleet', 3);
    await until('three pods followed', 30_000, () => (merged!.following.length === 3 ? true : undefined));
    appendLog(`fleet-3-${tag}`);
    await until('the line from three pods', 20_000, () => (out.lines.filter((l) => l.text === `fleet-3-${tag}`).length === 3 ? true : undefined));

    // Bounded: 200 more lines per pod through a 50-line view.
    for (let i = 0; i < 200; i++) appendLog(`flood-${i}-${tag}`);
    await until('flood delivered', 30_000, () => (out.lines.filter((l) => l.text === `flood-199-${tag}`).length === 3 ? true : undefined));
    assert.equal(view.buffer.size, 50);
    assert.ok(view.buffer.dropped >= 550);
    assert.match(view.text(), /^--- \d+ older lines dropped \(shipshape.logs.maxLines = 50\) ---\n/);
    // The filter box: plain text and /regex/ over what the view holds.
    view.filter = `/flood-\\d+-${tag}$/`;
    const shown = view.text().split('\n').slice(1, -1);
    assert.equal(shown.length, 50, 'the bound holds only flood lines now');
    assert.ok(
      shown.every((l) => /^\[fleet-[\w-]+\/app\] flood-\d+-/.test(l)),
      shown.join('\n'),
    );
    view.filter = 'no-such-text';
    assert.equal(view.text().split('\n').slice(1).join(''), '');
  } finally {
    merged?.stop();
    await cleanup();
  }
});

liveTest('following a container that restarts in place: the stream is reopened after the restart and keeps going', { skip: kubeSkip, timeout: 120_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-logs-crash');
  let follow: PodLogStream | undefined;
  try {
    await createDeployment(admin, ns, 'flappy');
    const [pod] = await waitRunning(admin, ns, 'app=flappy');
    const tag = id();
    follow = new PodLogStream(admin, { namespace: ns, pod: pod!.metadata.name, follow: true, tailLines: 1 });
    const out = collect(follow);
    await follow.start();
    appendLog(`before-restart-${tag}`);
    await until('line before the restart', 15_000, () => out.lines.some((l) => l.text === `before-restart-${tag}`) || undefined);
    // The kubelet reports a restart: restartCount goes up (written through the status subresource).
    await admin.json(`/api/v1/namespaces/${ns}/pods/${pod!.metadata.name}/status`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          containerStatuses: [{ name: 'app', image: 'registry.invalid/shipshape/app:1', imageID: '', ready: true, restartCount: 1, started: true, state: { running: { startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') } } }],
        },
      },
    });
    await until('the restart noticed', 20_000, () => out.notices.find((n) => n.includes('container app restarted (restart #1)')));
    appendLog(`after-restart-${tag}`);
    await until('line after the restart', 20_000, () => out.lines.some((l) => l.text === `after-restart-${tag}`) || undefined);
    assert.equal(follow.pod, pod!.metadata.name, 'same pod');
    assert.ok(follow.reconnects >= 1);
    assert.deepEqual(
      out.lines.map((l) => l.text).filter((t) => t.endsWith(tag)),
      [`before-restart-${tag}`, `after-restart-${tag}`],
      'nothing repeated',
    );
  } finally {
    follow?.stop();
    await cleanup();
  }
});

liveTest('a completed Job pod: following its log reads it once and ends, without a reconnect storm; merged logs stop following it', { skip: kubeSkip, timeout: 120_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-job-logs');
  // Every request the streams make, counted on the real connection.
  let requests = 0;
  const counted = new (class extends ClusterConnection {
    override json<T>(path: string, opts?: RequestOptions): Promise<T> {
      requests++;
      return super.json<T>(path, opts);
    }
    override stream(path: string, opts?: RequestOptions) {
      requests++;
      return super.stream(path, opts);
    }
  })(admin.context, admin.kc, { allowPlugins: true });
  const streams: { stop(): void }[] = [];
  try {
    await admin.json(`/apis/batch/v1/namespaces/${ns}/jobs`, {
      method: 'POST',
      body: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'once' },
        spec: { template: { metadata: { labels: { app: 'once' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'registry.invalid/once:1' }] } } },
      },
    });
    const pod = await until('the Job pod Succeeded (kwok completes Job pods)', 60_000, async () => {
      const list = await admin.json<{ items: { metadata: { name: string }; status?: { phase?: string } }[] }>(`/api/v1/namespaces/${ns}/pods`, { query: { labelSelector: 'app=once' } });
      return list.items.find((p) => p.status?.phase === 'Succeeded');
    });

    const follow = new PodLogStream(counted, { namespace: ns, pod: pod.metadata.name, follow: true, tailLines: 10 });
    streams.push(follow);
    const out = collect(follow);
    const ended = new Promise<string>((r) => follow.once('end', r));
    await follow.start();
    assert.match(await Promise.race([ended, sleep(15_000).then(() => 'still following after 15 s')]), /completed/);
    const afterEnd = requests;
    await sleep(3000);
    assert.equal(requests, afterEnd, 'no request after the end');
    assert.ok(follow.requests <= 1 && requests <= 4, `${follow.requests} log requests, ${requests} in all`);
    assert.ok(
      out.notices.some((n) => /completed/.test(n)),
      out.notices.join('; '),
    );

    // The Job's merged logs: the completed pod is not followed.
    requests = 0;
    const merged = new MergedLogs(counted, { namespace: ns, labelSelector: 'app=once', tailLines: 5, follow: true });
    streams.push(merged);
    await merged.start();
    await sleep(3000);
    assert.deepEqual(merged.following, []);
    assert.ok(requests <= 4, `${requests} requests in 3 s for a completed Job's merged logs`);
  } finally {
    for (const s of streams) s.stop();
    await cleanup();
  }
});
