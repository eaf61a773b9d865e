// Shared by the Docker live tests: when to skip, the engine (through the extension's own door),
// and small helpers that clean up after themselves. Skips only when DOCKER_HOST is absent outside
// CI; with CI=true a missing engine fails the test instead.
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectEngine, type Engine } from '../../client/src/docker/engine';

export const dockerSkip: string | false = !process.env.DOCKER_HOST && process.env.CI !== 'true' ? 'DOCKER_HOST not set (run via scripts/test.sh, which starts test/infra/docker)' : false;

export function liveEngine(): Engine {
  assert.ok(process.env.DOCKER_HOST, 'DOCKER_HOST must point at the test engine (test/infra/docker/up.sh)');
  return connectEngine();
}

/**
 * Network for RUN steps in test builds. The test engine runs with --bridge=none (several engines
 * share this machine, so none of them claims docker0), and BuildKit's RUN needs a network it has.
 */
export const BUILD_NETWORK = 'none';

export const testImage = () => process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';

/** A name unique to this test run, so parallel suites never share containers or images. */
export const uniqueName = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString('hex')}`;

/** Stop/start the test engine mid-test via test/infra/docker/engine.sh. */
export async function engineCtl(action: 'stop' | 'start'): Promise<void> {
  const ctl = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL;
  assert.ok(ctl, 'SHIPSHAPE_DOCKER_ENGINE_CTL not set (docker.env from test/infra/docker/up.sh)');
  await promisify(execFile)(ctl, [action], { env: process.env });
}

export async function removeQuietly(engine: Engine, ids: { containers?: string[]; images?: string[]; volumes?: string[]; networks?: string[] }) {
  for (const c of ids.containers ?? [])
    await engine.docker
      .getContainer(c)
      .remove({ force: true, v: true })
      .catch(() => {});
  for (const i of ids.images ?? [])
    await engine.docker
      .getImage(i)
      .remove({ force: true })
      .catch(() => {});
  for (const v of ids.volumes ?? [])
    await engine.docker
      .getVolume(v)
      .remove()
      .catch(() => {});
  for (const n of ids.networks ?? [])
    await engine.docker
      .getNetwork(n)
      .remove()
      .catch(() => {});
}
