// Smoke test for test/infra/docker: an image is built on the real engine, a container from it runs,
// and its logs are read back through dockerode. If this fails, the other Docker live tests will too.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dockerSkip, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

test('docker smoke: build, run, read logs via dockerode', { skip: dockerSkip, timeout: 120_000 }, async () => {
  const engine = liveEngine();
  const { docker } = engine;
  assert.equal(await docker.ping().then(String), 'OK');

  const tag = `${uniqueName('shipshape-smoke')}:1`;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-smoke-'));
  const marker = uniqueName('marker');
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${testImage()}\nRUN echo built > /built.txt\nCMD ["sh","-c","cat /built.txt; echo ${marker}"]\n`);
  let containerId: string | undefined;
  try {
    const stream = await docker.buildImage({ context: ctx, src: ['Dockerfile'] }, { t: tag, version: '1' });
    const out: Array<{ error?: string; stream?: string }> = await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res))));
    assert.ok(!out.some((o) => o.error), `build failed: ${JSON.stringify(out.filter((o) => o.error))}`);
    const container = await docker.createContainer({ Image: tag, HostConfig: { NetworkMode: 'none' } });
    containerId = container.id;
    await container.start();
    const waited = await container.wait();
    assert.equal(waited.StatusCode, 0);
    const logs = (await container.logs({ stdout: true, stderr: true, follow: false })) as Buffer;
    // non-TTY logs are multiplexed: 8-byte frame headers precede each chunk
    const text = demux(logs);
    assert.equal(text, `built\n${marker}\n`);
  } finally {
    await removeQuietly(engine, { containers: containerId ? [containerId] : [], images: [tag] });
    fs.rmSync(ctx, { recursive: true, force: true });
  }
});

function demux(buf: Buffer): string {
  let out = '';
  for (let i = 0; i + 8 <= buf.length; ) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
    i += 8 + len;
  }
  return out;
}
