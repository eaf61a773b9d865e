// An engine socket the user may not open: the engine door says "permission denied" with the socket
// and the fix, not a bare EACCES. As root this runs the check as user nobody (setpriv) against the test
// engine's root-only socket; as another user, against a socket file it cannot write.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { connectEngine, engineDownReason } from '../../client/src/docker/engine';
import { dockerSkip } from './docker-support';
import { buildSync } from 'esbuild';

const repo = path.resolve(__dirname, '../..');

test('a socket without permission: the reason names it and says how to fix it', { skip: dockerSkip, timeout: 60_000 }, async () => {
  const host = process.env.DOCKER_HOST ?? '';
  assert.ok(host.startsWith('unix://'), 'DOCKER_HOST must be the test engine socket');
  if (process.getuid?.() === 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-perm-'));
    fs.chmodSync(dir, 0o755);
    // Bundled into the 0755 temp dir: user nobody may not be able to read the checkout (a 0700 parent, as the
    // cold path's clone has), and the probe must depend on nothing but the socket's permission.
    const script = path.join(dir, 'probe.js');
    buildSync({
      stdin: {
        contents: `import { connectEngine, engineDownReason } from ${JSON.stringify(path.join(repo, 'client/src/docker/engine'))};\nengineDownReason(connectEngine()).then((r) => process.stdout.write(String(r)));\n`,
        resolveDir: repo,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
      logLevel: 'silent',
    });
    fs.chmodSync(script, 0o644);
    try {
      const { stdout } = await promisify(execFile)('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: dir, DOCKER_HOST: host },
        timeout: 45_000,
      });
      assert.equal(stdout, `Permission denied on socket ${host.slice(7)} (from DOCKER_HOST). Add your user to the "docker" group (then log in again) or use a rootless engine.`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-perm-'));
    const sock = path.join(dir, 'docker.sock');
    const server = net.createServer().listen(sock);
    await new Promise((r) => server.once('listening', r));
    fs.chmodSync(sock, 0o000);
    try {
      const reason = await engineDownReason(connectEngine({ env: { DOCKER_HOST: `unix://${sock}` } }));
      assert.match(String(reason), new RegExp(`^Permission denied on socket ${sock.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
