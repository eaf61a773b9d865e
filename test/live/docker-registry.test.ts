// Push to and pull from the loopback registries from test/infra/docker: an open one, and one with
// basic auth where credentials are passed per call (as the extension does from SecretStorage).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkLogin, formatImageRef, parseImageRef, pullImage, pushImage, tagImage } from '../../client/src/docker/push';
import { dockerSkip, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

test('image references parse like the docker CLI', () => {
  assert.deepEqual(parseImageRef('nginx'), { registry: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined });
  assert.deepEqual(parseImageRef('127.0.0.1:5000/team/app:1.2'), { registry: '127.0.0.1:5000', repository: 'team/app', tag: '1.2', digest: undefined });
  assert.deepEqual(parseImageRef('localhost/app@sha256:abc'), { registry: 'localhost', repository: 'app', tag: undefined, digest: 'sha256:abc' });
  assert.equal(formatImageRef(parseImageRef('team/app:3')), 'team/app:3');
});

test('push to the loopback registry, delete locally, pull it back', { skip: dockerSkip, timeout: 120_000 }, async () => {
  const engine = liveEngine();
  const { docker } = engine;
  const registry = process.env.SHIPSHAPE_TEST_REGISTRY;
  assert.ok(registry, 'SHIPSHAPE_TEST_REGISTRY not set');
  const ref = `${registry}/shipshape/${uniqueName('push')}:1`;
  try {
    await tagImage(docker, testImage(), ref);
    const lines: string[] = [];
    const { digest } = await pushImage(docker, ref, undefined, (l) => lines.push(l));
    assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
    // the registry itself now serves the manifest
    const r = parseImageRef(ref);
    const res = await fetch(`http://${registry}/v2/${r.repository}/manifests/1`, { method: 'HEAD', headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('docker-content-digest'), digest);
    await docker.getImage(ref).remove();
    await assert.rejects(docker.getImage(ref).inspect(), /404|no such image/i);
    await pullImage(docker, ref);
    const pulled = await docker.getImage(ref).inspect();
    assert.ok(
      pulled.RepoDigests.some((d) => d.endsWith(digest!)),
      JSON.stringify(pulled.RepoDigests),
    );
  } finally {
    await removeQuietly(engine, { images: [ref] });
  }
});

test('push to the registry with basic auth: refused without credentials, works with them', { skip: dockerSkip, timeout: 120_000 }, async () => {
  const engine = liveEngine();
  const { docker } = engine;
  const registry = process.env.SHIPSHAPE_TEST_REGISTRY_AUTH;
  const username = process.env.SHIPSHAPE_TEST_REGISTRY_USER;
  const password = process.env.SHIPSHAPE_TEST_REGISTRY_PASSWORD;
  assert.ok(registry && username && password, 'SHIPSHAPE_TEST_REGISTRY_AUTH/_USER/_PASSWORD not set');
  const ref = `${registry}/shipshape/${uniqueName('auth')}:1`;
  try {
    await assert.rejects(checkLogin(docker, registry, { username, password: `${password}-wrong` }), /unauthorized|401|login/i);
    await checkLogin(docker, registry, { username, password });
    await tagImage(docker, testImage(), ref);
    await assert.rejects(pushImage(docker, ref), /no basic auth credentials|unauthorized|authentication required/i);
    const { digest } = await pushImage(docker, ref, { username, password });
    assert.match(digest ?? '', /^sha256:/);
    await docker.getImage(ref).remove();
    await assert.rejects(pullImage(docker, ref), /unauthorized|authentication required|no basic auth/i);
    await pullImage(docker, ref, { username, password });
    await docker.getImage(ref).inspect();
  } finally {
    await removeQuietly(engine, { images: [ref] });
  }
});
