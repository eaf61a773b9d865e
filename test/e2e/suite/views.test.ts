/// <reference types="mocha" />
// The Shipshape activity-bar container and its explorer trees, as contributed by the manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts } from './channel';
import { shipshape } from './shipshape';

describe('explorer views', () => {
  it('opens the Shipshape container with every contributed view', async () => {
    const ext = shipshape();
    await ext.activate();
    const containers: { id: string; title: string }[] = ext.packageJSON.contributes?.viewsContainers?.activitybar ?? [];
    assert.ok(containers.length > 0, 'the manifest contributes an activity bar container');
    for (const container of containers) {
      const views: { id: string; name: string }[] = ext.packageJSON.contributes.views?.[container.id] ?? [];
      await vscode.commands.executeCommand(`workbench.view.extension.${container.id}`);
      // Every view gets a `<id>.focus` command from the workbench; it fails for an unknown view.
      for (const view of views) await vscode.commands.executeCommand(`${view.id}.focus`);
      if (!hasChannel()) continue;
      await new Promise((r) => setTimeout(r, 1000));
      const headers = (await texts('.sidebar .pane-header')) ?? [];
      for (const view of views) {
        assert.ok(
          headers.some((h) => h.toUpperCase().includes(view.name.toUpperCase())),
          `view "${view.name}" in the side bar; headers: ${JSON.stringify(headers)}`,
        );
      }
      await screenshot(`views-${container.id}`);
    }
  });
});
