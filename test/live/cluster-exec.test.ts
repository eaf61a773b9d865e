// Exec and port-forward against the real API server (kwok runs exec'd commands on this host and
// forwards every pod port to `cat`, an echo: the data path is local port -> API server -> kwok ->
// "pod" -> back; kwok pods have no network of their own).
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { AttachSession, detectShell, ExecSession, runCommand } from '../../client/src/kubernetes/exec/exec';
import { PortForwarder } from '../../client/src/kubernetes/portforward/forwarder';
import { appendLog, connect, createDeployment, kubeSkip, liveTest, tempNamespace, until, waitRunning } from './cluster-support';

liveTest('exec: exit codes and stderr, shell detection falls back, TTY session with resize and exit status', { skip: kubeSkip, timeout: 120_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-exec');
  try {
    await createDeployment(admin, ns, 'box');
    const [pod] = await waitRunning(admin, ns, 'app=box');
    const target = { namespace: ns, pod: pod!.metadata.name, container: 'app' };

    const ok = await runCommand(admin, target, ['echo', 'hello']);
    assert.deepEqual([ok.exitCode, ok.stdout], [0, 'hello\n']);
    const bad = await runCommand(admin, target, ['sh', '-c', 'echo oops >&2; exit 7']);
    assert.deepEqual([bad.exitCode, bad.stderr], [7, 'oops\n']);

    assert.equal(await detectShell(admin, target, ['bash', 'sh']), 'bash');
    assert.equal(await detectShell(admin, target, ['shipshape-no-such-shell', 'sh']), 'sh', 'falls back when the first shell is missing');
    await assert.rejects(detectShell(admin, target, ['shipshape-no-such-shell']), /No shell found in .*shipshape-no-such-shell/);

    // A probe that outlives its timeout: rejected, and its websocket closed (not left open on the API server).
    let socket: { readyState?: number } | undefined;
    await assert.rejects(runCommand(admin, target, ['sleep', '30'], 1500, { onSocket: (ws) => (socket = ws) }), /timed out after 1500 ms/);
    await until("the timed-out probe's websocket closed", 5000, () => (socket && (socket.readyState ?? 0) >= 2) || undefined);

    // Interactive TTY: the size set by the terminal reaches the process, and follows a resize.
    const session = new ExecSession(admin, target, ['sh'], { columns: 91, rows: 17 });
    let output = '';
    session.on('data', (d: string) => (output += d));
    const exited = new Promise<number>((r) => session.once('exit', (code: number) => r(code)));
    await session.start();
    await new Promise((r) => setTimeout(r, 300));
    session.write('stty size; echo SIZE-DONE\n');
    await until('stty size 17 91', 15_000, () => (/17 91\r?\n/.test(output) ? true : undefined));
    session.resize(120, 40);
    await new Promise((r) => setTimeout(r, 300));
    session.write('stty size; echo RESIZED\n');
    await until('stty size 40 120 after resize', 15_000, () => (/40 120\r?\n/.test(output) ? true : undefined));
    session.write('exit 3\n');
    assert.equal(await exited, 3, 'the shell exit status is reported');
  } finally {
    await cleanup();
  }
});

function echo(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`no echo on ${port} (got ${JSON.stringify(got)})`));
    }, 15_000);
    sock.on('data', (d) => {
      got += d.toString();
      if (got.includes(payload)) {
        clearTimeout(timer);
        sock.end();
        resolve(got);
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.write(payload);
  });
}

liveTest('port-forward to a Service and a Deployment; after the pod is deleted, new connections reach its replacement', { skip: kubeSkip, timeout: 180_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-pf');
  const forwards: PortForwarder[] = [];
  try {
    await createDeployment(admin, ns, 'echo');
    await admin.json(`/api/v1/namespaces/${ns}/services`, { method: 'POST', body: { metadata: { name: 'echo' }, spec: { selector: { app: 'echo' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } } });
    const [first] = await waitRunning(admin, ns, 'app=echo');

    const svc = new PortForwarder(admin, { namespace: ns, kind: 'service', name: 'echo' }, [
      { local: 0, remote: 80 },
      { local: 0, remote: 'web' },
    ]);
    forwards.push(svc);
    const connections: string[] = [];
    svc.on('connection', (pod: string, port: number) => connections.push(`${pod}:${port}`));
    await svc.start();
    assert.equal(svc.bound.length, 2, 'several ports');
    assert.equal(svc.currentPod, first!.metadata.name);
    assert.equal(await echo(svc.bound[0]!.local, 'ping-1'), 'ping-1');
    assert.equal(await echo(svc.bound[1]!.local, 'ping-2'), 'ping-2');
    // Service port 80 -> targetPort "http" -> containerPort 8080 of the pod.
    assert.deepEqual(connections, [`${first!.metadata.name}:8080`, `${first!.metadata.name}:8080`]);

    const dep = new PortForwarder(admin, { namespace: ns, kind: 'deployment', name: 'echo' }, [{ local: 0, remote: 8080 }]);
    forwards.push(dep);
    await dep.start();
    assert.equal(await echo(dep.bound[0]!.local, 'via-deployment'), 'via-deployment');

    const switched: string[] = [];
    svc.on('pod', (pod: string | undefined, prev: string) => switched.push(`${prev}->${pod ?? ''}`));
    await admin.json(`/api/v1/namespaces/${ns}/pods/${first!.metadata.name}`, { method: 'DELETE', body: { gracePeriodSeconds: 0 } });
    const [second] = await waitRunning(admin, ns, 'app=echo', 1, [first!.metadata.name]);
    await until('the Service forward moved to the new pod', 60_000, () => (svc.currentPod === second!.metadata.name ? true : undefined));
    await until('the Deployment forward moved too', 60_000, () => (dep.currentPod === second!.metadata.name ? true : undefined));
    // Same local ports as before, now served by the new pod.
    assert.equal(await echo(svc.bound[0]!.local, 'ping-after'), 'ping-after');
    assert.equal(connections.at(-1), `${second!.metadata.name}:8080`);
    assert.equal(await echo(dep.bound[0]!.local, 'dep-after'), 'dep-after');
    assert.ok(
      switched.some((s) => s.endsWith(`->${second!.metadata.name}`)),
      switched.join(', '),
    );

    // A bare pod target.
    const bare = new PortForwarder(admin, { namespace: ns, kind: 'pod', name: second!.metadata.name }, [{ local: 0, remote: 'http' }]);
    forwards.push(bare);
    await bare.start();
    assert.equal(await echo(bare.bound[0]!.local, 'pod-direct'), 'pod-direct');
  } finally {
    for (const f of forwards) f.stop();
    await cleanup();
  }
});

liveTest('attach: output of the container from now on (kwok attaches to its log file)', { skip: kubeSkip, timeout: 90_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-attach');
  let session: AttachSession | undefined;
  try {
    await createDeployment(admin, ns, 'att');
    const [pod] = await waitRunning(admin, ns, 'app=att');
    const io = AttachSession.ioFor(pod!, 'app');
    assert.deepEqual(io, { stdin: false, tty: false }, 'the container has no stdin: output only');
    session = new AttachSession(admin, { namespace: ns, pod: pod!.metadata.name, container: 'app' }, io);
    let output = '';
    session.on('data', (d: string) => (output += d));
    await session.start();
    await new Promise((r) => setTimeout(r, 500));
    const marker = `attached-${Date.now()}`;
    appendLog(marker);
    await until('the new line through attach', 20_000, () => (output.includes(marker) ? true : undefined));
    assert.ok(!output.includes('shipshape kwok container started'), 'attach starts at the end, not with old output');
  } finally {
    session?.close();
    await cleanup();
  }
});
