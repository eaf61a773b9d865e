/// <reference types="mocha" />
// Docker Swarm in the real extension host: a one-node swarm manager of the test infra (test/infra/docker/swarm.sh)
// shows a Swarm section in the Docker explorer (its node, then a stack deployed from the open stack file through
// Deploy Stack, with its service and the service's tasks, following the engine's events as the service is scaled
// by the CLI), a redeploy and Remove Stack in a protected context only once its name is typed; on the plain engine the Swarm section is absent and
// Deploy Stack says the engine is no swarm manager, with the engine's own words. Skips without DOCKER_HOST outside CI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { focusRow, hasChannel, screenshot, texts, typeText, waitRows } from './channel';
import { codeOf, shipshape, untilAsync, waitForDiagnostics } from './shipshape';

const image = process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';
const NOTIFICATIONS = '.notifications-center .notification-list-item-message';

describe('swarm', function () {
  this.timeout(240_000);
  const live = !!process.env.DOCKER_HOST || process.env.CI === 'true';
  const stack = `e2estack${process.pid}`;
  let dir = '';
  let swarmHost = '';
  let ownSwarm = false;
  let plainHost = '';
  let swarmScript = '';
  const onSwarm = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: swarmHost, DOCKER_CONTEXT: '' } }).trim();
  const useEngine = async (host: string) => {
    process.env.DOCKER_HOST = host;
    await vscode.commands.executeCommand('shipshape.docker.refresh');
  };

  before(async function () {
    if (!live || !hasChannel()) this.skip(); // the tree and the notifications are read from the page
    const ctl = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL;
    assert.ok(ctl && process.env.DOCKER_HOST, 'DOCKER_HOST and SHIPSHAPE_DOCKER_ENGINE_CTL must reach the extension host (docker.env)');
    plainHost = process.env.DOCKER_HOST;
    swarmScript = path.join(path.dirname(ctl), 'swarm.sh');
    ownSwarm = execFileSync(ctl, ['status', 'swarm'], { encoding: 'utf8', env: process.env }).trim() !== 'running';
    swarmHost = execFileSync('bash', [swarmScript, 'up'], { encoding: 'utf8', env: process.env, timeout: 180_000 }).trim().split('\n').pop()!;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-e2e-swarm-'));
    await shipshape().activate();
  });

  after(async () => {
    if (swarmHost)
      try {
        onSwarm('stack', 'rm', stack);
      } catch {
        /* removed by the test */
      }
    if (plainHost) await useEngine(plainHost);
    if (ownSwarm) execFileSync('bash', [swarmScript, 'down'], { env: process.env });
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Swarm section: the node, a stack deployed from its open file, its service and tasks live, then removed', async () => {
    await useEngine(swarmHost);
    await vscode.commands.executeCommand('shipshape.docker.focus');
    await waitRows('the Swarm section of a manager', (r) => r.some((t) => t.startsWith('Swarm')) && r.some((t) => t.startsWith('Containers')));

    // the stack file, open in an editor: checked as a stack (restart is ignored by docker stack deploy)
    const file = path.join(dir, 'docker-stack.yml');
    fs.writeFileSync(
      file,
      `services:\n  web:\n    image: ${image}\n    command: ["sh", "-c", "echo hello-from-e2e; exec sleep 3600"]\n    restart: always\n    deploy:\n      replicas: 2\n      update_config: { parallelism: 2, delay: 0s }\n`,
    );
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const diags = await waitForDiagnostics(uri, 'StackIgnoredKey on restart', (d) => d.some((x) => codeOf(x) === 'StackIgnoredKey'));
    assert.equal(diags.find((x) => codeOf(x) === 'StackIgnoredKey')!.range.start.line, 4);

    // Deploy Stack from the active editor (the preset stands in for the name and option prompts)
    const deployed = await vscode.commands.executeCommand('shipshape.swarm.deployStack', undefined, { name: stack, resolveImage: 'never' });
    assert.equal(deployed, stack);
    assert.match(onSwarm('stack', 'ls', '--format', '{{.Name}}'), new RegExp(`^${stack}$`, 'm'));

    await vscode.commands.executeCommand('shipshape.docker.focus');
    await vscode.commands.executeCommand('workbench.actions.treeView.shipshape.docker.collapseAll');
    await vscode.commands.executeCommand('list.focusFirst');
    await focusRow('Swarm', true);
    await waitRows('the Swarm groups', (r) => r.some((t) => t.startsWith('Nodes')) && r.some((t) => t.startsWith('Stacks')));
    await focusRow('Nodes', true);
    const hostname = onSwarm('node', 'ls', '--format', '{{.Hostname}}');
    await waitRows('the manager node', (r) => r.some((t) => t.startsWith(hostname) && t.includes('manager (leader) · active · ready')));
    await vscode.commands.executeCommand('list.collapse');
    await focusRow('Stacks', true);
    // the tasks start after the deploy returned: the row follows the engine's events to 2/2
    await waitRows(`stack ${stack} running`, (r) => r.some((t) => t.startsWith(stack) && t.includes('1 service · 2/2 running')), 90_000);
    await focusRow(stack, true);
    await waitRows('its service web', (r) => r.some((t) => t.startsWith('web') && t.includes(`replicated 2/2 · ${image}`)));
    await focusRow('web', true);
    await waitRows('two running tasks', (r) => r.some((t) => t.startsWith('#1 running')) && r.some((t) => t.startsWith('#2 running')));

    // scaled outside the editor: the tree follows without a refresh
    onSwarm('service', 'scale', '--detach', `${stack}_web=3`);
    await waitRows('the third task and 3/3', (r) => r.some((t) => t.startsWith('#3 running')) && r.some((t) => t.startsWith('web') && t.includes('replicated 3/3')), 90_000);
    await screenshot('swarm-explorer');

    // a protected context: Deploy Stack asks for its name typed; dismissed, nothing is deployed; typed, it is
    const config = vscode.workspace.getConfiguration('shipshape');
    const saved = config.inspect<string[]>('protectedContexts')?.globalValue;
    const prompt = async () => untilAsync('the typed-name prompt', async () => ((await texts('.quick-input-widget')) ?? []).some((t) => t.includes('"default" is a protected context')) || undefined);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: 1'));
    try {
      await config.update('protectedContexts', ['default'], vscode.ConfigurationTarget.Global);
      const declined = vscode.commands.executeCommand('shipshape.swarm.deployStack', uri, { name: stack, resolveImage: 'never' });
      await prompt();
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await declined, undefined);
      assert.equal(onSwarm('service', 'inspect', `${stack}_web`, '--format', '{{.Spec.Mode.Replicated.Replicas}}'), '3');
      const accepted = vscode.commands.executeCommand('shipshape.swarm.deployStack', uri, { name: stack, resolveImage: 'never' });
      await prompt();
      await screenshot('swarm-deploy-protected');
      await typeText('default');
      assert.equal(await accepted, stack);
      assert.equal(onSwarm('service', 'inspect', `${stack}_web`, '--format', '{{.Spec.Mode.Replicated.Replicas}}'), '1');
      await waitRows('web back to one task', (r) => r.some((t) => t.startsWith('web') && t.includes('replicated 1/1')), 90_000);

      // Remove Stack: its question (a modal one outside protected contexts, which VS Code refuses to show extension tests)
      // is the typed name here too, and the stack goes once it is typed
      const removing = vscode.commands.executeCommand('shipshape.swarm.removeStack', { kind: 'stack', name: stack, services: 1, running: 1, desired: 1 });
      await prompt();
      const asked = ((await texts('.quick-input-widget')) ?? []).join('\n');
      assert.match(asked, new RegExp(`Type its name to remove stack ${stack} \\(1 services \\(${stack}_web\\), 1 networks \\(${stack}_default\\)\\)`));
      await screenshot('swarm-remove-protected');
      await typeText('default');
      await removing;
    } finally {
      await config.update('protectedContexts', saved, vscode.ConfigurationTarget.Global);
    }
    await waitRows(`stack ${stack} gone`, (r) => !r.some((t) => t.startsWith(stack)) && r.some((t) => t.startsWith('Stacks')));
    for (const kind of ['service', 'network']) assert.equal(onSwarm(kind, 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`), '', kind);
  });

  it('a plain engine: no Swarm section, and Deploy Stack says it is no manager in the engine’s words', async () => {
    await useEngine(plainHost);
    await vscode.commands.executeCommand('shipshape.docker.focus');
    await vscode.commands.executeCommand('workbench.actions.treeView.shipshape.docker.collapseAll');
    // the tree reconnects to the plain engine: its categories without Swarm
    await waitRows('the plain engine without a Swarm section', (r) => r.some((t) => t.startsWith('Containers')) && r.some((t) => t.startsWith('Contexts')) && !r.some((t) => t.startsWith('Swarm')));
    // what the docker CLI prints there, from the engine
    let cli = '';
    try {
      execFileSync('docker', ['stack', 'ls'], { encoding: 'utf8', env: { ...process.env, DOCKER_CONTEXT: '' }, stdio: 'pipe' });
    } catch (err) {
      cli = String((err as { stderr?: string }).stderr ?? '');
    }
    const engineSays = /Error response from daemon: (.*)/.exec(cli)?.[1]?.trim();
    assert.ok(engineSays, `docker stack ls on a plain engine: ${cli}`);

    await vscode.commands.executeCommand('notifications.clearAll');
    const file = path.join(dir, 'plain-stack.yml');
    fs.writeFileSync(file, `services:\n  web:\n    image: ${image}\n`);
    const result = await vscode.commands.executeCommand('shipshape.swarm.deployStack', vscode.Uri.file(file), { name: `${stack}plain`, resolveImage: 'never' });
    assert.equal(result, undefined);
    await vscode.commands.executeCommand('notifications.showList');
    const shown = await untilAsync('the not-a-manager error', async () => ((await texts(NOTIFICATIONS)) ?? []).find((t) => t.includes('Deploy stack')));
    assert.match(shown, /is not part of a swarm \(state inactive\)/);
    assert.ok(shown.includes(`The engine says: "${engineSays}"`), `${shown}\nvs the CLI: ${engineSays}`);
    await screenshot('swarm-not-manager');
    await vscode.commands.executeCommand('notifications.hideList');
  });
});
