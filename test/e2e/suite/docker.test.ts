/// <reference types="mocha" />
// (Builds pass network "none": the test engine has no default bridge for RUN steps.)
// Docker in the real extension host: the explorer shows the engine's containers grouped by Compose
// project and follows changes live; the build command builds on the engine and puts a failed build's
// error in Problems on the failing Dockerfile line. Needs DOCKER_HOST (test/infra/docker); skips
// without it outside CI.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasChannel, screenshot, texts, waitRows } from './channel';
import { shipshape, until } from './shipshape';

const image = process.env.SHIPSHAPE_TEST_IMAGE || 'shipshape-test/busybox:1';
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', env: process.env }).trim();

describe('docker', function () {
  this.timeout(120_000);
  const live = !!process.env.DOCKER_HOST || process.env.CI === 'true';
  // Made once the suite really runs (not when it is only loaded or skipped), removed after it.
  let dir = '';
  const project = `e2eproj${process.pid}`;
  let container = '';

  before(async function () {
    if (!live) this.skip();
    assert.ok(process.env.DOCKER_HOST, 'DOCKER_HOST must reach the extension host (test/infra/docker)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-e2e-docker-'));
    await shipshape().activate();
  });

  after(() => {
    if (container)
      try {
        docker('rm', '-f', container);
      } catch {
        /* already gone */
      }
    for (const t of ['shipshape-e2e/ok:1'])
      try {
        docker('rmi', '-f', t);
      } catch {
        /* not built */
      }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explorer lists containers grouped by Compose project and follows the engine live', async function () {
    if (!hasChannel()) this.skip(); // reading the tree needs the code-server runner's page access
    await vscode.commands.executeCommand('shipshape.docker.focus');
    await waitRows('the Docker explorer categories', (r) => r.some((t) => t.startsWith('Containers')) && r.some((t) => t.startsWith('Images')));
    container = docker('run', '-d', '--network', 'none', '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=web', image, 'sleep', '300');
    await waitRows(`project ${project} with service web`, (r) => r.some((t) => t.includes(project)) && r.some((t) => t.startsWith('web')));
    await screenshot('docker-explorer');
    docker('rm', '-f', container);
    container = '';
    await waitRows(`project ${project} to disappear`, (r) => !r.some((t) => t.includes(project)));
  });

  it('engine going away shows one node with the reason, and the tree recovers by itself', async function () {
    if (!hasChannel()) this.skip();
    const ctl = process.env.SHIPSHAPE_DOCKER_ENGINE_CTL;
    assert.ok(ctl, 'SHIPSHAPE_DOCKER_ENGINE_CTL must reach the extension host (docker.env)');
    // a second engine of the test infra, so stopping it disturbs nobody; the explorer follows
    // DOCKER_HOST, which this extension host process shares with the suite
    const name = `e2e-${process.pid}`;
    const host = execFileSync(ctl, ['start', name], { encoding: 'utf8', env: process.env }).trim();
    const original = process.env.DOCKER_HOST;
    try {
      process.env.DOCKER_HOST = host;
      await vscode.commands.executeCommand('shipshape.docker.refresh');
      await waitRows('the second engine (no containers)', (r) => r.some((t) => t.startsWith('Containers')) && !r.some((t) => t.includes(project)));
      execFileSync(ctl, ['stop', name], { env: process.env });
      const rows = await waitRows('the engine-down node', (r) => r.some((t) => t.includes('Docker engine unavailable')));
      const down = rows.find((t) => t.includes('Docker engine unavailable'))!;
      assert.match(down, /does not exist|refused/);
      assert.ok(down.includes(host.slice('unix://'.length)), `reason names the socket: ${down}`);
      await screenshot('docker-engine-down');
      execFileSync(ctl, ['start', name], { env: process.env });
      await waitRows('the tree to recover', (r) => r.some((t) => t.startsWith('Containers')) && !r.some((t) => t.includes('unavailable')), 60_000);
    } finally {
      process.env.DOCKER_HOST = original;
      await vscode.commands.executeCommand('shipshape.docker.refresh');
      try {
        execFileSync(ctl, ['stop', name], { env: process.env });
      } catch {
        /* already stopped */
      }
    }
  });

  it('contexts: the explorer lists them and switching one reconnects the tree to its engine', async function () {
    if (!hasChannel()) this.skip();
    // a private ~/.docker (DOCKER_CONFIG) with two contexts; DOCKER_HOST unset so contexts decide,
    // as for a user without it. The extension host shares process.env with this suite.
    const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-e2e-dockercfg-'));
    const saved = { host: process.env.DOCKER_HOST, config: process.env.DOCKER_CONFIG };
    const meta = (name: string, host: string) => {
      const d = path.join(cfg, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
    };
    await vscode.commands.executeCommand('shipshape.docker.focus');
    meta('e2e-live', saved.host!);
    meta('e2e-gone', 'unix:///nonexistent/e2e/docker.sock');
    try {
      process.env.DOCKER_CONFIG = cfg;
      delete process.env.DOCKER_HOST;
      await vscode.commands.executeCommand('shipshape.docker.useContext', { kind: 'context', name: 'e2e-gone', current: false });
      await waitRows('the unavailable engine of context e2e-gone', (r) => r.some((t) => t.includes('Docker engine unavailable') && t.includes('e2e-gone')));
      assert.equal(JSON.parse(fs.readFileSync(path.join(cfg, 'config.json'), 'utf8')).currentContext, 'e2e-gone');
      await vscode.commands.executeCommand('shipshape.docker.useContext', { kind: 'context', name: 'e2e-live', current: false });
      await waitRows('the engine of context e2e-live', (r) => r.some((t) => t.startsWith('Images')) && !r.some((t) => t.includes('unavailable')));
    } finally {
      process.env.DOCKER_HOST = saved.host;
      if (saved.config === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = saved.config;
      await vscode.commands.executeCommand('shipshape.docker.refresh');
      fs.rmSync(cfg, { recursive: true, force: true });
    }
  });

  it('exec opens a terminal with a TTY in the container', async function () {
    if (!hasChannel()) this.skip(); // the terminal's text is read from the page
    // the DOM renderer puts the terminal's text in the page (the GPU one draws it on a canvas)
    await vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', 'off', vscode.ConfigurationTarget.Global);
    const name = `e2e-exec-${process.pid}`;
    container = docker('run', '-d', '--name', name, '--network', 'none', image, 'sh', '-c', 'echo hello-from-logs; trap "exit 0" TERM; while true; do sleep 0.2; done');
    const node = { kind: 'container', item: { id: container, name, image, state: 'running', status: 'Up', ports: [] } };
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const sub = vscode.window.onDidOpenTerminal((t) => {
        if (t.name.startsWith(name)) {
          sub.dispose();
          resolve(t);
        }
      });
    });
    await vscode.commands.executeCommand('shipshape.docker.exec', node);
    const term = await opened;
    term.show();
    term.sendText('echo MARK-$((6*7)) $(tty)');
    const deadline = Date.now() + 20_000;
    let screen = '';
    while (Date.now() < deadline && !/MARK-42 \/dev\/pts\/\d+/.test(screen)) {
      screen = ((await texts('.terminal .xterm-rows')) ?? []).join('\n');
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.match(screen, /MARK-42 \/dev\/pts\/\d+/);
    await screenshot('docker-exec-terminal');
    term.sendText('exit');
    docker('rm', '-f', container);
    container = '';
  });

  it('build command builds the image on the engine', async () => {
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, `FROM ${image}\nARG WHO\nRUN echo "built for $WHO" > /who\n`);
    const result = await vscode.commands.executeCommand('shipshape.docker.build', vscode.Uri.file(file), undefined, { tags: ['shipshape-e2e/ok:1'], buildArgs: ['WHO=e2e'], network: 'none' });
    assert.equal(result, 'shipshape-e2e/ok:1');
    assert.equal(docker('run', '--rm', '--network', 'none', 'shipshape-e2e/ok:1', 'cat', '/who'), 'built for e2e');
  });

  it('run with a run configuration starts the container as configured', async () => {
    const name = `e2e-run-${process.pid}`;
    const id = await vscode.commands.executeCommand<string>('shipshape.docker.run', undefined, {
      image,
      name,
      env: ['GREETING=hello e2e'],
      network: 'none',
      command: ['sh', '-c', 'echo "$GREETING"; sleep 300'],
    });
    assert.match(id ?? '', /^[0-9a-f]{64}$/);
    container = id!;
    assert.equal(docker('inspect', '-f', '{{.State.Running}} {{.Name}}', container), `true /${name}`);
    // inspect opens the engine's JSON as a read-only document
    await vscode.commands.executeCommand('shipshape.docker.inspect', { kind: 'container', item: { id: container, name, image, state: 'running', status: '', ports: [] } });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'shipshape-docker');
    assert.equal(doc?.languageId, 'json');
    const json = JSON.parse(doc!.getText());
    assert.equal(json.Id, container);
    assert.ok(json.Config.Env.includes('GREETING=hello e2e'));
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('shipshape-docker'), true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await until(
      'the container to log',
      () => {
        try {
          return docker('logs', container) === 'hello e2e';
        } catch {
          return false;
        }
      },
      20_000,
    );
    docker('rm', '-f', container);
    container = '';
  });

  it('registry login goes to SecretStorage and push uses it', async () => {
    const registry = process.env.SHIPSHAPE_TEST_REGISTRY_AUTH;
    const username = process.env.SHIPSHAPE_TEST_REGISTRY_USER;
    const password = process.env.SHIPSHAPE_TEST_REGISTRY_PASSWORD;
    assert.ok(registry && username && password, 'SHIPSHAPE_TEST_REGISTRY_AUTH/_USER/_PASSWORD must reach the extension host (docker.env)');
    const target = `${registry}/shipshape/e2e-push-${process.pid}:1`;
    const bad = await vscode.commands.executeCommand('shipshape.docker.registryLogin', registry, { username, password: 'wrong' });
    assert.equal(bad, undefined); // refused by the registry, nothing stored
    const creds = await vscode.commands.executeCommand('shipshape.docker.registryLogin', registry, { username, password });
    assert.deepEqual(creds, { username, password });
    try {
      const digest = await vscode.commands.executeCommand<string>('shipshape.docker.push', undefined, target, image);
      assert.match(digest ?? '', /^sha256:[0-9a-f]{64}$/);
      // the registry (basic auth) serves what was pushed, under that digest
      const res = await fetch(`http://${registry}/v2/shipshape/e2e-push-${process.pid}/manifests/1`, {
        method: 'HEAD',
        headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('docker-content-digest'), digest);
    } finally {
      await vscode.commands.executeCommand('shipshape.docker.registryLogout', registry);
      try {
        docker('rmi', target);
      } catch {
        /* not tagged */
      }
    }
  });

  it('offers a Build CodeLens on each FROM line, with the stage as target', async () => {
    const file = path.join(dir, 'Stages.Dockerfile');
    fs.writeFileSync(file, `FROM ${image} AS base\nRUN true\n\nFROM base\nRUN true\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.languages.setTextDocumentLanguage(doc, 'dockerfile');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
    const ours = lenses.filter((l) => l.command?.command === 'shipshape.docker.build');
    assert.deepEqual(
      ours.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments?.[1]]),
      [
        [0, '$(play) Build stage base', 'base'],
        [3, '$(play) Build image', undefined],
      ],
    );
  });

  it('a failed build puts its error in Problems on the failing line', async () => {
    const file = path.join(dir, 'Broken.Dockerfile');
    fs.writeFileSync(file, `FROM ${image}\n\nRUN echo fine\nRUN echo about to fail && \\\n    exit 3\nRUN echo never\n`);
    const uri = vscode.Uri.file(file);
    const result = await vscode.commands.executeCommand('shipshape.docker.build', uri, undefined, { tags: [], network: 'none' });
    assert.equal(result, undefined);
    const diags = await until(
      'the build error in Problems',
      () => {
        const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'docker build');
        return d.length > 0 && d;
      },
      30_000,
    );
    assert.equal(diags[0].range.start.line, 3);
    assert.equal(diags[0].range.end.line, 4);
    assert.match(diags[0].message, /non-zero code: 3|exit code: 3/);
    if (hasChannel()) {
      await vscode.window.showTextDocument(uri);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot('docker-build-error');
    }
  });
});
