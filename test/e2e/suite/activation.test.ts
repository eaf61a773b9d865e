/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import * as vscode from 'vscode';
import { openEditor, shipshape, until } from './shipshape';

describe('activation', () => {
  it('runs the extension that was installed (the packaged VSIX under code-server)', () => {
    const extension = shipshape();
    // The code-server runner passes the extensions dir the VSIX was installed into.
    const installedIn = process.env.SHIPSHAPE_E2E_EXTENSIONS_DIR;
    if (installedIn) {
      assert.ok(extension.extensionPath.startsWith(resolve(installedIn) + sep),
        `expected Shipshape from the installed VSIX in ${installedIn}, got ${extension.extensionPath}`);
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
    // bench/activation.bench.ts reads the real extension host's number from here.
    if (process.env.SHIPSHAPE_E2E_METRICS) writeFileSync(process.env.SHIPSHAPE_E2E_METRICS, JSON.stringify({ activationMs }));
  });

  it('starts the language server', async () => {
    const { client } = shipshape().exports;
    await until('the language client to be running', () => client.isRunning(), 30_000);
  });
});
