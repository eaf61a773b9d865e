#!/usr/bin/env node
// `npm run test:electron`: the same e2e suite in desktop VS Code, via @vscode/test-electron.
// For contributors whose machine can download VS Code (update.code.visualstudio.com); it runs the
// extension from this checkout (extensionDevelopmentPath = repo root, after `npm run build`), not a VSIX.
// Offline machines (like the project's CI containers) use `npm run test:e2e` instead: code-server.
//   VSCODE_VERSION=stable|insiders|1.x.y   which VS Code to download (default: stable)
//   VSCODE_EXECUTABLE=/path/to/code        use an installed VS Code instead of downloading one
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
for (const step of [['scripts/build.mjs'], ['test/e2e/build.mjs']]) {
  const r = spawnSync(process.execPath, step, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// Tests edit documents: run them on a copy of examples/.
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-e2e-electron-'));
const workspace = join(scratch, 'examples');
cpSync(join(repo, 'examples'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'dist/test/e2e/suite/index.js'),
    extensionTestsEnv: { SHIPSHAPE_E2E_GREP: process.env.SHIPSHAPE_E2E_GREP },
    // A fresh profile, no other extensions, no trust prompt.
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
  });
} catch (error) {
  console.error(`test:electron failed: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
