// Run / logs / exec / lifecycle / inspect / remove against the real engine, through the extension's
// container module.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { containerAction, inspectJson, runContainer, splitArgs, startExec, streamLogs, toCreateOptions } from '../../client/src/docker/containers';
import { dockerSkip, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

test('run spec: ports, env, volumes and command become engine options', () => {
  const o = toCreateOptions({ image: 'x', ports: ['127.0.0.1:18080:80', '9000:9000/udp', '443'], env: ['A=1'], volumes: ['/tmp:/data:ro'], command: ['sh', '-c', 'echo "a b"'] });
  assert.deepEqual(o.HostConfig?.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }], '9000/udp': [{ HostPort: '9000' }], '443/tcp': [{ HostPort: '' }] });
  assert.deepEqual(o.Cmd, ['sh', '-c', 'echo "a b"']);
  assert.throws(() => toCreateOptions({ image: 'x', env: ['novalue'] }), /KEY=VALUE/);
  assert.throws(() => toCreateOptions({ image: 'x', ports: ['a:b'] }), /Bad port/);
  assert.deepEqual(splitArgs(`sh -c 'echo "$HOME" done' "two words" a\\ b ""`), ['sh', '-c', 'echo "$HOME" done', 'two words', 'a b', '']);
});

test('run, logs (tail, timestamps, follow), exec with resize, stop/start/restart, inspect, remove', { skip: dockerSkip, timeout: 120_000 }, async () => {
  const engine = liveEngine();
  const { docker } = engine;
  const name = uniqueName('shipshape-run');
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-vol-'));
  fs.writeFileSync(path.join(hostDir, 'in.txt'), 'from-host\n');
  let id: string | undefined;
  try {
    const c = await runContainer(docker, {
      image: testImage(),
      name,
      env: ['GREETING=hi there'],
      volumes: [`${hostDir}:/data`],
      network: 'none',
      // prints 3 numbered lines, one to stderr, then a line per 200 ms until stopped
      command: ['sh', '-c', 'trap "exit 0" TERM; echo "$GREETING"; cat /data/in.txt; echo to-stderr >&2; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'],
    });
    id = c.id;
    assert.equal((await c.inspect()).State.Running, true);

    // backlog
    await until('three ticks', async () => {
      let t = '';
      await streamLogs(docker, id!, { tail: 'all' }, (s) => (t += s));
      return /tick 3/.test(t) ? t : undefined;
    });
    const byStream = { stdout: '', stderr: '' };
    await streamLogs(docker, id, {}, (s, which) => (byStream[which] += s));
    assert.match(byStream.stdout, /^hi there\nfrom-host\ntick 1\ntick 2\n/);
    assert.equal(byStream.stderr, 'to-stderr\n');
    let tail = '';
    await streamLogs(docker, id, { tail: 2, timestamps: true }, (s) => (tail += s));
    const lines = tail.trim().split('\n');
    assert.equal(lines.length, 2);
    for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z tick \d+$/);

    // follow: new lines arrive until aborted
    const ac = new AbortController();
    let followed = '';
    const following = streamLogs(docker, id, { follow: true, tail: 0 }, (s) => (followed += s), ac.signal);
    await until('followed ticks', () => ((followed.match(/tick/g) ?? []).length >= 2 ? true : undefined));
    ac.abort();
    await following;
    assert.doesNotMatch(followed, /hi there/); // tail 0: no backlog

    // exec with a TTY and a resize the process can see
    let out = '';
    const session = await startExec(docker, id, { cmd: ['sh'], cols: 100, rows: 30 }, (s) => (out += s));
    session.write('stty size; echo MARK-$((6*7))\n');
    await until('stty size', () => (/30 100[\s\S]*MARK-42/.test(out) ? true : undefined));
    await session.resize(132, 43);
    session.write('stty size; exit 3\n');
    const code = await session.exited;
    assert.match(out, /43 132/);
    assert.equal(code, 3);

    // lifecycle
    await containerAction(docker, id, 'stop');
    assert.equal((await c.inspect()).State.Running, false);
    await containerAction(docker, id, 'stop'); // already stopped: not an error
    await containerAction(docker, id, 'start');
    assert.equal((await c.inspect()).State.Running, true);
    const started = (await c.inspect()).State.StartedAt;
    await containerAction(docker, id, 'restart');
    const after = await c.inspect();
    assert.equal(after.State.Running, true);
    assert.notEqual(after.State.StartedAt, started);

    const json = JSON.parse(await inspectJson(docker, 'container', id));
    assert.equal(json.Name, `/${name}`);
    assert.ok(json.Config.Env.includes('GREETING=hi there'));

    await containerAction(docker, id, 'remove');
    await assert.rejects(c.inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
    id = undefined;
  } finally {
    if (id) await removeQuietly(engine, { containers: [id] });
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});

test('run: a bad image fails with the engine reason and leaves no container behind', { skip: dockerSkip, timeout: 60_000 }, async () => {
  const { docker } = liveEngine();
  const name = uniqueName('shipshape-bad');
  await assert.rejects(runContainer(docker, { image: testImage(), name, command: ['/does/not/exist'], network: 'none' }), /no such file|not found|executable/i);
  const left = await docker.listContainers({ all: true, filters: { name: [name] } });
  assert.equal(left.length, 0);
});
