/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import * as vscode from 'vscode';
import { openEditor, shipshape, until } from './shipshape';

describe('activation', () => {
  it('runs the extension that was installed (the packaged VSIX under code-server)', () => {
    const extension = shipshape();
    // The code-server runner passes the extensions dir the VSIX was installed into.
    const installedIn = process.env.SHIPSHAPE_E2E_EXTENSIONS_DIR;
    if (installedIn) {
      assert.ok(extension.extensionPath.startsWith(resolve(installedIn) + sep), `expected Shipshape from the installed VSIX in ${installedIn}, got ${extension.extensionPath}`);
    }
    // In code-server it must run in the Node extension host next to the files (it forks the language
    // server), not in the browser's web worker. Desktop VS Code without a remote reports UI.
    if (vscode.env.remoteName) assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates when a Dockerfile is opened and returns its API', async () => {
    await openEditor('Dockerfile');
    const extension = shipshape();
    await until('Shipshape to activate', () => extension.isActive, 30_000);
    assert.ok(extension.exports?.client, 'activate() returns { client }');
    const { activationMs } = extension.exports;
    assert.ok(typeof activationMs === 'number' && activationMs > 0, `activationMs is ${activationMs}`);
    // A Dockerfile needs neither part: they load when their view shows or one of their commands runs.
    assert.deepEqual(extension.exports.partLoadMs(), { kubernetes: undefined, docker: undefined });
  });

  it('starts the language server', async () => {
    const { client } = shipshape().exports;
    await until('the language client to be running', () => client.isRunning(), 30_000);
  });

  it('logs no errors in the extension host while activating (bundled OIDC code read `navigator`)', function () {
    const dir = process.env.SHIPSHAPE_VSCODE_DIR;
    if (!dir) {
      assert.notEqual(process.env.CI, 'true', 'SHIPSHAPE_VSCODE_DIR is forwarded by the code-server runner');
      return this.skip();
    }
    const logs = extensionHostLogs(join(dir, 'user-data', 'logs'));
    assert.ok(logs.length, `no extension host log under ${dir}/user-data/logs`);
    const newest = logs.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
    const errors = readFileSync(newest, 'utf8')
      .split('\n')
      .filter((l) => /\[error\]/.test(l) && /PendingMigrationError|shipshape/i.test(l));
    assert.deepEqual(errors, [], newest);
  });
});

/** The remote extension host's log files (code-server: logs/<session>/exthost<N>/remoteexthost.log). */
function extensionHostLogs(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      if (/^(remote)?exthost\.log$/.test(name)) found.push(p);
      else if (depth < 3 && statSync(p).isDirectory()) walk(p, depth + 1);
    }
  };
  walk(dir, 0);
  return found;
}
