// A remote-style engine: dockerd on tcp://127.0.0.1 with --tlsverify (engine.sh start-tls). The engine
// door reaches it from DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH, and from a context whose TLS
// material sits in ~/.docker/contexts/tls; without the client certificate it explains the failure.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createContext, useContext } from '../../client/src/docker/contexts';
import { connectEngine, engineDownReason, resolveEngineTarget } from '../../client/src/docker/engine';
import { EngineWatcher, type DockerEvent, type EngineState } from '../../client/src/docker/events';
import { dockerSkip, uniqueName } from './docker-support';

const ctl = async (...args: string[]) => {
  const script = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL;
  assert.ok(script, 'SHIPSHAPE_DOCKER_ENGINE_CTL not set (docker.env from test/infra/docker/up.sh)');
  return (await promisify(execFile)(script, args, { env: process.env, timeout: 90_000 })).stdout.trim();
};

test('TLS engine over TCP: DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, a TLS context, events, and a clear failure without certs', { skip: dockerSkip, timeout: 120_000 }, async () => {
  const name = `tls-${process.pid}`;
  const [host, certDir] = (await ctl('start-tls', name)).split('\n');
  assert.match(host, /^tcp:\/\/127\.0\.0\.1:\d+$/);
  const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-tlscfg-'));
  const watcher = new EngineWatcher(() => connectEngine({ env: { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir } }), { retryMs: 200 });
  try {
    const env = { DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir };
    const t = resolveEngineTarget({ env });
    assert.equal(t.tls?.verify, true);
    assert.ok(t.tls?.ca && t.tls.cert && t.tls.key);
    const engine = connectEngine({ env });
    assert.equal(String(await engine.docker.ping()), 'OK');
    assert.match((await engine.docker.version()).Version, /^\d+\.\d+/);

    // events stream over TLS
    const up = new Promise<EngineState>((r) => watcher.on('state', (s: EngineState) => s.up && r(s)));
    watcher.start();
    await up;
    const vol = uniqueName('tlsvol');
    const seen = new Promise<DockerEvent>((r) => watcher.on('event', (e: DockerEvent) => e.Type === 'volume' && e.Actor.ID === vol && r(e)));
    await engine.docker.createVolume({ Name: vol });
    assert.equal((await seen).Action, 'create');

    // no client certificate: down, with the host in the reason
    const plain = await engineDownReason(connectEngine({ env: { DOCKER_HOST: host } }));
    assert.ok(plain, 'the engine answered without TLS');
    assert.ok(plain.includes(host), plain);
    assert.match(plain, /expects TLS: set DOCKER_TLS_VERIFY=1/);
    const noCert = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-nocert-'));
    fs.copyFileSync(path.join(certDir, 'ca.pem'), path.join(noCert, 'ca.pem'));
    const withoutClientCert = await engineDownReason(connectEngine({ env: { ...env, DOCKER_CERT_PATH: noCert } }));
    assert.ok(withoutClientCert, 'the engine answered without a client certificate');
    assert.ok(withoutClientCert.includes(host), withoutClientCert);
    assert.match(withoutClientCert, /rejected the client certificate/);
    const wrongCa = await engineDownReason(connectEngine({ env: { ...env, DOCKER_CERT_PATH: path.join(os.tmpdir(), 'shipshape-no-such-dir') } }));
    assert.match(String(wrongCa), /Cannot verify the TLS certificate/);
    fs.rmSync(noCert, { recursive: true, force: true });

    // the same engine through a context carrying its TLS material
    const cenv = { DOCKER_CONFIG: cfg };
    createContext('shipshape-tls', host, cenv, os.homedir(), 'TLS test engine', certDir);
    useContext('shipshape-tls', cenv, os.homedir());
    const viaContext = connectEngine({ env: cenv });
    assert.equal(viaContext.target.source, 'context');
    assert.equal(String(await viaContext.docker.ping()), 'OK');
    await viaContext.docker.getVolume(vol).inspect();
  } finally {
    watcher.stop();
    fs.rmSync(cfg, { recursive: true, force: true });
    await ctl('stop', name).catch(() => {});
  }
});
