/// <reference types="mocha" />
// What a new user meets with no Docker engine and no cluster: each screen says so in plain words and
// offers a way forward (issue 14). Each test leaves a screenshot of that screen.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts, waitRows } from './channel';
import { openEditor, shipshape, until } from './shipshape';

async function waitTexts(what: string, selector: string, accept: (found: string[]) => boolean, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let found: string[] = [];
  while (Date.now() < deadline) {
    found = (await texts(selector)) ?? [];
    if (accept(found)) return found;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}; ${selector}: ${JSON.stringify(found)}`);
}

describe('the first hour: no engine, no cluster', function () {
  this.timeout(120_000);
  before(async function () {
    if (!hasChannel()) this.skip(); // every test here reads the page
    await shipshape().activate();
  });

  it('Docker view with no engine: says so at once and never keeps spinning', async () => {
    const saved = process.env.DOCKER_HOST;
    try {
      process.env.DOCKER_HOST = `unix://${path.join(os.tmpdir(), `no-engine-${process.pid}.sock`)}`;
      await vscode.commands.executeCommand('shipshape.docker.focus');
      await vscode.commands.executeCommand('shipshape.docker.refresh');
      await waitRows('the engine-down row', (r) => r.some((t) => t.includes('Docker engine unavailable')), 20_000);
      // The bug: the root kept its "Connecting to Docker…" spinner under a message saying the engine is down.
      await new Promise((r) => setTimeout(r, 3000));
      const rows = await waitRows('the settled tree', () => true);
      assert.ok(!rows.some((t) => t.includes('Connecting to Docker')), JSON.stringify(rows));
      await screenshot('first-hour-docker-no-engine');
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
      await vscode.commands.executeCommand('shipshape.docker.refresh');
    }
  });

  it('Kubernetes view with no kubeconfig: a welcome with buttons instead of one truncated row', async () => {
    const saved = process.env.KUBECONFIG;
    const config = vscode.workspace.getConfiguration('shipshape');
    const extra = config.inspect<string[]>('kubeconfigs')?.globalValue;
    const missing = path.join(os.tmpdir(), `shipshape-e2e-no-kubeconfig-${process.pid}`);
    try {
      process.env.KUBECONFIG = missing;
      await config.update('kubeconfigs', [], vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('shipshape.k8s.reloadKubeconfig');
      await vscode.commands.executeCommand('shipshape.kubernetes.focus');
      const welcome = await waitTexts('the Kubernetes welcome', '.welcome-view-content', (t) => t.some((x) => x.includes('No Kubernetes cluster is set up')));
      const text = welcome.join('\n');
      assert.match(text, /Add a Kubeconfig File/);
      assert.match(text, /Reload Kubeconfig Files/);
      assert.ok(!(await waitRows('the Kubernetes rows', () => true)).some((t) => t.includes('No Kubernetes contexts')), 'no truncated explanation row');
      await screenshot('first-hour-kubernetes-no-kubeconfig');
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
      await config.update('kubeconfigs', extra, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('shipshape.k8s.reloadKubeconfig');
    }
  });

  it('walkthrough: steps in plain words, "Open a Dockerfile" checked once one is open, steps to connect Docker and a cluster', async () => {
    await openEditor('Dockerfile');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'shipshape-dev.shipshape#shipshape.gettingStarted', false);
    const steps = await waitTexts('the walkthrough steps', 'button.getting-started-step', (t) => t.some((x) => x.includes('Connect a Kubernetes cluster')));
    const all = steps.join('\n');
    assert.ok(!all.includes('`'), `literal backticks in the walkthrough: ${all}`);
    assert.match(all, /Connect to a Docker engine/);
    await waitTexts('step 1 checked', 'button.getting-started-step[data-step-id$="openDockerfile"][aria-checked="true"]', (t) => t.length > 0);
    await screenshot('first-hour-walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('every button of the walkthrough and the welcome views runs a registered command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of shipshape().packageJSON.contributes.walkthroughs[0].steps as { description: string }[]) {
      for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(registered.has(m[1]!), `${m[1]} in a walkthrough step is not a command`);
    }
    // viewsWelcome buttons too
    for (const w of shipshape().packageJSON.contributes.viewsWelcome as { contents: string }[]) {
      for (const m of w.contents.matchAll(/\(command:([\w.]+)/g)) assert.ok(registered.has(m[1]!), `${m[1]} in a welcome view is not a command`);
    }
    await until('the language client', () => shipshape().exports.client.isRunning());
  });
});
