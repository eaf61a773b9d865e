// Docker contexts: the engine door follows DOCKER_HOST first, then the selected context from
// ~/.docker (here a temporary DOCKER_CONFIG), and switching rewrites only "currentContext".
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createContext, listContexts, useContext } from '../../client/src/docker/contexts';
import { connectEngine, resolveEngineTarget } from '../../client/src/docker/engine';
import { dockerSkip } from './docker-support';

test('contexts: list, switch, and connect through the selected context', { skip: dockerSkip, timeout: 60_000 }, async () => {
  const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-dockercfg-'));
  try {
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ auths: {}, detachKeys: 'ctrl-x' }));
    const live = process.env.DOCKER_HOST!;
    assert.ok(live, 'DOCKER_HOST must point at the test engine');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, DOCKER_CONFIG: cfg }; // no DOCKER_HOST
    createContext('shipshape-live', live, env, os.homedir(), 'the test engine');
    createContext('shipshape-gone', 'unix:///nonexistent/docker.sock', env, os.homedir());
    assert.deepEqual(
      listContexts(env, os.homedir()).map((c) => c.name),
      ['default', 'shipshape-gone', 'shipshape-live'],
    );

    assert.equal(resolveEngineTarget({ env }).source, 'default');
    useContext('shipshape-live', env, os.homedir());
    const saved = JSON.parse(fs.readFileSync(path.join(cfg, 'config.json'), 'utf8'));
    assert.deepEqual(saved, { auths: {}, detachKeys: 'ctrl-x', currentContext: 'shipshape-live' });
    const t = resolveEngineTarget({ env });
    assert.deepEqual({ source: t.source, context: t.context, host: t.host }, { source: 'context', context: 'shipshape-live', host: live });
    const engine = connectEngine({ env });
    assert.equal(String(await engine.docker.ping()), 'OK');

    // DOCKER_CONTEXT overrides config.json; DOCKER_HOST overrides both
    assert.equal(resolveEngineTarget({ env: { ...env, DOCKER_CONTEXT: 'shipshape-gone' } }).host, 'unix:///nonexistent/docker.sock');
    assert.equal(resolveEngineTarget({ env: { ...env, DOCKER_HOST: 'tcp://127.0.0.1:1' } }).source, 'DOCKER_HOST');
    assert.throws(() => resolveEngineTarget({ env: { ...env, DOCKER_CONTEXT: 'nope' } }), /no metadata/);
    assert.throws(() => useContext('nope', env, os.homedir()), /No Docker context/);

    useContext('default', env, os.homedir());
    assert.equal(JSON.parse(fs.readFileSync(path.join(cfg, 'config.json'), 'utf8')).currentContext, undefined);
  } finally {
    fs.rmSync(cfg, { recursive: true, force: true });
  }
});
