// The test swarm for the swarm live suites: test/infra/docker/swarm.sh (an extra engine, `docker swarm init` on
// loopback) beside the main test engine, which is started too when no engine is set up (docker.env not sourced)
// and stopped again afterwards.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const INFRA = path.join(REPO, 'test/infra/docker');

export function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 180_000, cwd?: string) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout, cwd });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: (result.stderr ?? '') + (result.error ? String(result.error) : '') };
}

export interface TestSwarm {
  /** DOCKER_HOST of the swarm manager */
  host: string;
  /** DOCKER_HOST of the main test engine (not in a swarm) */
  plainHost: string;
  stop(): void;
}

export function startSwarm(): TestSwarm {
  let runDir = process.env.SHIPSHAPE_DOCKER_RUN_DIR;
  let ownInfra = false;
  if (!runDir || !process.env.DOCKER_HOST) {
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-swarm-run-'));
    ownInfra = true;
    // Stacks need no Compose v2: its cold build (minutes) is left to the live suite.
    const up = sh('bash', [path.join(INFRA, 'up.sh')], { ...process.env, SHIPSHAPE_RUN_DIR: runDir, SHIPSHAPE_DOCKER_NO_COMPOSE_V2: '1' }, 900_000);
    assert.equal(up.code, 0, `test/infra/docker/up.sh failed:\n${up.stderr.slice(-3000)}`);
  }
  const dir = runDir;
  const stop = () => {
    sh('bash', [path.join(INFRA, 'swarm.sh'), 'down'], { ...process.env, SHIPSHAPE_RUN_DIR: dir });
    if (ownInfra) {
      sh('bash', [path.join(INFRA, 'down.sh')], { ...process.env, SHIPSHAPE_RUN_DIR: dir });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const swarm = sh('bash', [path.join(INFRA, 'swarm.sh'), 'up'], { ...process.env, SHIPSHAPE_RUN_DIR: dir }, 300_000);
  if (swarm.code !== 0) {
    stop();
    assert.fail(`test/infra/docker/swarm.sh up failed:\n${swarm.stderr.slice(-3000)}`);
  }
  const env = fs.readFileSync(path.join(dir, 'env/docker.env'), 'utf8');
  const plainHost = /^export DOCKER_HOST=(.*)$/m.exec(env)?.[1] ?? process.env.DOCKER_HOST ?? '';
  return { host: swarm.stdout.trim().split('\n').pop()!, plainHost, stop };
}
