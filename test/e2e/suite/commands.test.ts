/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasChannel, texts } from './channel';
import { shipshape, until } from './shipshape';

describe('commands and status bar', () => {
  before(async () => {
    await shipshape().activate();
  });

  it('registers every command the manifest contributes', async () => {
    const contributed: string[] = (shipshape().packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered after activation: ${missing.join(', ')}`);
  });

  it('shows a Shipshape item in the status bar', async function () {
    if (!hasChannel()) this.skip(); // desktop VS Code: no page to read (test-electron has no DOM access)
    let found: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      found = (await texts('#workbench\\.parts\\.statusbar .statusbar-item')) ?? [];
      if (found.some((t) => t.includes('Shipshape'))) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(
      found.some((t) => t.includes('Shipshape')),
      `status bar items: ${JSON.stringify(found)}`,
    );
  });

  it('shipshape.showOutput opens the Shipshape output channel', async () => {
    await vscode.commands.executeCommand('shipshape.showOutput');
  });

  it('shipshape.restartServer brings the language server back', async () => {
    const { client } = shipshape().exports;
    await vscode.commands.executeCommand('shipshape.restartServer');
    await until('the language client to run again after a restart', () => client.isRunning(), 30_000);
  });
});
