// The engine goes away and comes back: the watcher reports "down" with a reason naming the socket,
// then recovers by itself and delivers events again. Uses a separate named engine (engine.sh start
// NAME) so the main engine other suites use keeps running.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectEngine } from '../../client/src/docker/engine';
import { EngineWatcher, type DockerEvent, type EngineState } from '../../client/src/docker/events';
import { dockerSkip, uniqueName } from './docker-support';

const ctl = async (action: 'start' | 'stop', name: string) => {
  const script = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL;
  assert.ok(script, 'SHIPSHAPE_DOCKER_ENGINE_CTL not set (docker.env from test/infra/docker/up.sh)');
  const { stdout } = await promisify(execFile)(script, [action, name], { env: process.env, timeout: 90_000 });
  return stdout.trim();
};

function next<T>(w: EngineWatcher, ev: 'state' | 'event', pred: (v: T) => boolean, ms = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      w.off(ev, on);
      reject(new Error(`no matching ${ev} within ${ms} ms`));
    }, ms);
    const on = (v: T) => {
      if (!pred(v)) return;
      clearTimeout(t);
      w.off(ev, on);
      resolve(v);
    };
    w.on(ev, on);
  });
}

test('engine goes away and comes back: down state with reason, then recovery and events', { skip: dockerSkip, timeout: 180_000 }, async () => {
  const name = `restart-${process.pid}`;
  const host = await ctl('start', name);
  assert.match(host, /^unix:\/\//);
  const env = { ...process.env, DOCKER_HOST: host };
  const watcher = new EngineWatcher(() => connectEngine({ env }), { retryMs: 200, maxRetryMs: 1000 });
  try {
    const up = next<EngineState>(watcher, 'state', (s) => s.up);
    watcher.start();
    assert.equal(((await up) as { version: string }).version.length > 0, true);

    const vol1 = uniqueName('evt');
    const created = next<DockerEvent>(watcher, 'event', (e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === vol1);
    await watcher.engine!.docker.createVolume({ Name: vol1 });
    await created;

    const down = next<EngineState>(watcher, 'state', (s) => !s.up);
    await ctl('stop', name);
    const d = (await down) as { reason: string };
    assert.match(d.reason, new RegExp(`${host.slice('unix://'.length).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    assert.match(d.reason, /does not exist|refused/);

    const back = next<EngineState>(watcher, 'state', (s) => s.up, 60_000);
    const t0 = Date.now();
    await ctl('start', name);
    await back;
    assert.ok(Date.now() - t0 < 30_000);

    const vol2 = uniqueName('evt');
    const created2 = next<DockerEvent>(watcher, 'event', (e) => e.Type === 'volume' && e.Action === 'create' && e.Actor.ID === vol2);
    await watcher.engine!.docker.createVolume({ Name: vol2 });
    await created2;
    // the volume made before the restart survived it (same data root)
    await watcher.engine!.docker.getVolume(vol1).inspect();
  } finally {
    watcher.stop();
    await ctl('stop', name).catch(() => {});
  }
});

test('an engine that is not there: clear reason, no throw', { timeout: 30_000 }, async () => {
  const env = { ...process.env, DOCKER_HOST: 'unix:///nonexistent/shipshape/docker.sock' };
  const watcher = new EngineWatcher(() => connectEngine({ env }), { retryMs: 50 });
  try {
    const down = next<EngineState>(watcher, 'state', (s) => !s.up, 10_000);
    watcher.start();
    assert.equal(((await down) as { reason: string }).reason, 'No Docker engine: socket /nonexistent/shipshape/docker.sock (from DOCKER_HOST) does not exist. Is dockerd running?');
  } finally {
    watcher.stop();
  }
});
