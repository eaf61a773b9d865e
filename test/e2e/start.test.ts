// README line 1 the way a user runs it: `npm start` from a shell (no npm environment inherited), then the
// printed address opened in chromium (test/infra/vscode/check-workbench.mjs), then Ctrl-C. Runs after the
// e2e suite, so code-server is already installed in $SHIPSHAPE_CACHE; its install from nothing is
// scripts/cold-path.sh's part.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const repo = resolve(__dirname, '../..');
const CI = process.env.CI === 'true';
const skip = !CI && !process.env.SHIPSHAPE_CODE_SERVER && 'code-server is not installed here (test/infra/vscode/install.sh); CI runs this';

/** The environment of a shell: what an outer `npm test` exported is not there. */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const npmOwn = /^(npm_config_|npm_lifecycle_|npm_package_|npm_execpath$|npm_node_execpath$|npm_command$|INIT_CWD$|NODE$)/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !npmOwn.test(k)));
  env.PATH = (env.PATH ?? '')
    .split(':')
    .filter((p) => p && !p.endsWith('/node_modules/.bin') && !p.endsWith('/node-gyp-bin'))
    .join(':');
  return { ...env, ...extra };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => ok(port));
      });
  });
}

/** Whatever still listens on the port (a code-server that outlived its start.sh) is stopped with its group. */
function stopListener(port: string): void {
  const ss = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  for (const m of (ss.stdout ?? '').matchAll(/pid=(\d+)/g)) {
    const pgid = spawnSync('ps', ['-o', 'pgid=', '-p', m[1]!], { encoding: 'utf8' }).stdout.trim();
    try {
      process.kill(-Number(pgid), 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

test('npm start: builds, installs the VSIX, serves a VS Code with Shipshape on a copy of examples/ with its walkthrough, and stops on Ctrl-C', { skip, timeout: 600_000 }, async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'shipshape-start-'));
  const port = String(await freePort());
  // A new user's profile (the first start writes its settings), not the developer's kept one.
  const child = spawn('npm', ['start'], {
    cwd: repo,
    env: shellEnv({ SHIPSHAPE_PORT: port, SHIPSHAPE_PROFILE: join(scratch, 'profile') }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code, signal) => r(code ?? (signal ? 128 : null))));
  try {
    const url = await new Promise<string>((ok, fail) => {
      const timer = setInterval(() => {
        const m = /^\s*Open:\s*(\S+)/m.exec(output);
        if (m) {
          clearInterval(timer);
          ok(m[1]!);
        }
      }, 200);
      void exited.then((code) => {
        clearInterval(timer);
        fail(new Error(`npm start exited (${code}) before printing an address:\n${output.slice(-3000)}`));
      });
    });
    assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?folder=`));
    // A copy of examples/ (the browser's VS Code saves as you type), never the repository's own.
    const folder = new URL(url).searchParams.get('folder')!;
    assert.match(folder, /\/examples$/);
    assert.notEqual(resolve(folder), join(repo, 'examples'));
    const shot = join(repo, 'test-results/screenshots/npm-start.png');
    const check = spawnSync(process.execPath, [join(repo, 'test/infra/vscode/check-workbench.mjs'), url, shot, '--walkthrough'], { encoding: 'utf8', timeout: 300_000 });
    t.diagnostic(check.stdout.trim());
    assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);

    // Ctrl-C in the terminal signals the foreground group: npm, start.sh and (through start.sh's trap) code-server.
    process.kill(-child.pid!, 'SIGINT');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 15_000))]);
    assert.notEqual(code, 'still running', 'npm start stops within 15 s of Ctrl-C');
    const after = spawnSync('curl', ['-fsS', '-o', '/dev/null', '--max-time', '2', `http://127.0.0.1:${port}/healthz`]);
    assert.notEqual(after.status, 0, 'code-server no longer answers after Ctrl-C');
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    stopListener(port);
    rmSync(scratch, { recursive: true, force: true });
  }
});
