import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain .mjs build script
import { buildEngine } from '../../../scripts/engine.mjs';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'server/src/cli/main.ts');
// Absolute, so the CLI can run from any working folder.
const TSX = pathToFileURL(require.resolve('tsx')).toString();

function shipshape(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('lint --format json lists every file examined, with 0-based ranges, and exits 1 on errors', () => {
  const dir = workspace({
    'ok/compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n',
    'bad/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
    'notes.txt': 'not ours',
    'node_modules/x/compose.yaml': 'services: [',
  });
  const { code, stdout } = shipshape(['lint', '--format', 'json', dir]);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.version, 1);
  const byPath = new Map(report.files.map((f: { path: string }) => [path.relative(dir, f.path), f]));
  assert.deepEqual([...byPath.keys()].sort(), ['bad/app.yaml', 'ok/compose.yaml']);
  const bad = byPath.get('bad/app.yaml') as { kind: string; diagnostics: { code: string; severity: string; source: string; range: { start: { line: number } } }[] };
  assert.equal(bad.kind, 'kubernetes');
  const dup = bad.diagnostics.find((d) => d.code === 'YamlDuplicateKey');
  assert.ok(dup);
  assert.equal(dup.severity, 'error');
  assert.equal(dup.source, 'shipshape');
  assert.equal(dup.range.start.line, 4);
});

test('lint exits 0 on a clean tree, 2 on bad usage', () => {
  const dir = workspace({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n' });
  assert.equal(shipshape(['lint', dir]).code, 0);
  const unknown = shipshape(['lint', '--format', 'xml', dir]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--format must be one of/);
  const missing = shipshape(['lint', path.join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
  assert.equal(shipshape(['frobnicate']).code, 2);
});

test('lint accepts globs and --rule overrides', () => {
  const dir = workspace({ 'a/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'b/compose.yaml': 'services: {}\n' });
  const { code, stdout } = shipshape(['lint', '--format', 'json', '--rule', 'YamlDuplicateKey=off', `${dir}/*/app.yaml`]);
  assert.equal(code, 0, stdout);
  const report = JSON.parse(stdout);
  assert.equal(report.files.length, 1);
  assert.deepEqual(report.files[0].diagnostics, []);
});

test('lint --format sarif emits SARIF 2.1.0 with 1-based regions and relative paths', () => {
  const dir = workspace({ 'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' });
  const { stdout } = shipshape(['lint', '--format', 'sarif', '.'], dir);
  const sarif = JSON.parse(stdout);
  assert.equal(sarif.version, '2.1.0');
  const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'YamlDuplicateKey');
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'app.yaml');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'YamlDuplicateKey');
  assert.equal(rule.helpUri, 'https://github.com/shipshape-dev/shipshape/blob/main/docs/RULES.md#yamlduplicatekey');
});

test('lint text output: findings in line order, counts in the singular when there is one', () => {
  // Rules run one after another: JSONArgsRecommended (line 3) is found before RunCd (line 2).
  const dir = workspace({ Dockerfile: 'FROM alpine:3.20\nRUN cd /src\nCMD echo hi\n' });
  const { stdout } = shipshape(['lint', 'Dockerfile'], dir);
  const lines = stdout.trim().split('\n');
  assert.deepEqual(
    lines.slice(0, -1).map((l) => /^Dockerfile:(\d+):/.exec(l)?.[1]),
    ['2', '3'],
  );
  assert.equal(lines[lines.length - 1], '1 file checked: 0 errors, 2 warnings, 0 notes');
  const two = workspace({ Dockerfile: 'FROM alpine:3.20\nCMD ["x"]\n', 'compose.yaml': 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n' });
  assert.equal(shipshape(['lint', '.'], two).stdout.trim().split('\n').pop(), '2 files checked: 1 error, 0 warnings, 0 notes');
});

test("lint renders Helm charts: findings on the template lines that wrote them, Helm's errors where Helm puts them, --helm-set and --helm-values", () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-helm-')));
  made.push(dir);
  const chart = path.join(dir, 'web');
  fs.cpSync(path.join(REPO, 'test/fixtures/helm/web'), chart, { recursive: true });
  const deployment = path.join(chart, 'templates/deployment.yaml');
  const text = fs.readFileSync(deployment, 'utf8').replace('      containers:\n', '      restartPolicy: OnFailure\n      containers:\n');
  fs.writeFileSync(deployment, text);
  const env = { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() };
  const lines = text.split('\n');
  type Report = { files: { path: string; kind: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
  const run = (...args: string[]) => {
    const { code, stdout, stderr } = shipshape(['lint', '--format', 'json', ...args, dir], REPO, env);
    const report = JSON.parse(stdout || '{}') as Report;
    const of = (rel: string) => report.files.find((f) => f.path === path.join(dir, rel))?.diagnostics ?? [];
    return { code, stderr, of, report };
  };
  const first = run();
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.report.files.find((f) => f.path === deployment)?.kind, 'helm-template');
  assert.deepEqual(
    first.of('web/templates/deployment.yaml').map((d) => [d.code, d.range.start.line]),
    [['KubeRestartPolicy', lines.findIndex((l) => l.includes('restartPolicy'))]],
  );
  assert.deepEqual(first.of('web/templates/_helpers.tpl'), []);
  // --helm-set reaches the render: the value it sets is wrong for the API server, on the action that printed it.
  const set = run('--helm-set', 'image.pullPolicy=always');
  assert.deepEqual(
    set
      .of('web/templates/deployment.yaml')
      .map((d) => d.code)
      .sort(),
    ['KubeInvalidValue', 'KubeRestartPolicy'],
  );
  assert.equal(
    set.of('web/templates/deployment.yaml').find((d) => d.code === 'KubeInvalidValue')!.range.start.line,
    lines.findIndex((l) => l.includes('imagePullPolicy')),
  );
  // --helm-values, outside the linted folder, as helm -f.
  const extra = path.join(fs.realpathSync(os.tmpdir()), `shipshape-cli-values-${process.pid}.yaml`);
  fs.writeFileSync(extra, 'service:\n  port: 70000\n');
  try {
    const values = run('--helm-values', extra);
    assert.ok(
      values.of('web/templates/service.yaml').some((d) => d.code === 'KubeService' && d.range.start.line === 7),
      JSON.stringify(values.of('web/templates/service.yaml')),
    );
  } finally {
    fs.rmSync(extra, { force: true });
  }
  // A broken partial: Helm's parse error in _helpers.tpl, which the folder walk includes.
  fs.writeFileSync(path.join(chart, 'templates/_helpers.tpl'), '{{- define "web.fullname" -}}\n{{ .Release.Name | nosuch }}\n{{- end }}\n');
  const broken = run();
  assert.deepEqual(
    broken.of('web/templates/_helpers.tpl').map((d) => [d.code, d.range.start.line]),
    [['HelmTemplateParse', 1]],
  );
});

test('lint checks stack files as docker stack deploy reads them: by name, by modeline, by --stack', () => {
  const refused = 'services:\n  app:\n    image: busybox\n    mem_limit: 512m\n';
  const dir = workspace({
    'docker-stack.yml': refused,
    'compose.yaml': refused,
    'swarm/prod.yml': refused,
    'modeline/compose.yaml': `# shipshape: kind=stack\n${refused}`,
  });
  const run = (...extra: string[]) => {
    const { code, stdout } = shipshape(['lint', '--format', 'json', ...extra, dir]);
    const report = JSON.parse(stdout) as { files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
    const found = Object.fromEntries(report.files.map((f) => [path.relative(dir, f.path), f.diagnostics.map((d) => `${d.range.start.line} ${d.code}`)]));
    return { code, found };
  };
  const plain = run();
  assert.equal(plain.code, 1);
  assert.deepEqual(plain.found['docker-stack.yml'], ['3 StackForbiddenKey']);
  assert.deepEqual(plain.found['modeline/compose.yaml'], ['4 StackForbiddenKey']);
  assert.deepEqual(plain.found['compose.yaml'], []);
  assert.deepEqual(plain.found['swarm/prod.yml'], [], 'without --stack it is plain YAML');
  const listed = run('--stack', 'swarm/*.yml');
  assert.deepEqual(listed.found['swarm/prod.yml'], ['3 StackForbiddenKey']);
});

test('lint on a kustomize tree checks the files its kustomizations list as patches as patches, not as objects', () => {
  const fixture = path.join(REPO, 'test/fixtures/kustomize/patched');
  const { code, stdout } = shipshape(['lint', '--format', 'json', fixture]);
  assert.equal(code, 0, stdout);
  const report = JSON.parse(stdout) as { files: { path: string; diagnostics: unknown[] }[] };
  assert.ok(report.files.some((f) => f.path.endsWith('overlay/web-replicas.yaml')));
  // The overlay's deprecated patch fields are warnings on the kustomization, not errors anywhere.
  assert.deepEqual(
    report.files.filter((f) => f.diagnostics.length && !f.path.endsWith('kustomization.yaml')),
    [],
  );
  // A patch that is not well-formed YAML is still an error; a partial object no kustomization lists is one too.
  const dir = workspace({
    'overlay/kustomization.yaml': 'resources: []\npatches:\n- path: patch.yaml\n',
    'overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web\n',
    'loose/deploy.yaml': fs.readFileSync(path.join(fixture, 'overlay/web-replicas.yaml'), 'utf8'),
  });
  const bad = JSON.parse(shipshape(['lint', '--format', 'json', dir]).stdout) as { files: { path: string; diagnostics: { code: string }[] }[] };
  const codesOf = (name: string) => bad.files.find((f) => f.path.endsWith(name))?.diagnostics.map((d) => d.code);
  assert.deepEqual(codesOf('overlay/patch.yaml'), ['YamlSyntax']);
  assert.ok(codesOf('loose/deploy.yaml')?.includes('KubeRequiredField'));
});

test("lint builds each root kustomization: a base resource's error on its own line, a build error on the kustomization", () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-kustomize-')));
  made.push(dir);
  fs.cpSync(path.join(REPO, 'test/fixtures/kustomize/lint'), dir, { recursive: true });
  const env = { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() };
  const deployment = path.join(dir, 'base/deployment.yaml');
  const line = fs
    .readFileSync(deployment, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('restartPolicy'));
  type Report = { files: { path: string; kind: string; diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[] };
  const run = (target: string) => {
    const { code, stdout, stderr } = shipshape(['lint', '--format', 'json', target], dir, env);
    const report = JSON.parse(stdout || '{}') as Report;
    const of = (rel: string) => report.files.find((f) => path.resolve(dir, f.path) === path.join(dir, rel))?.diagnostics ?? [];
    return { code, stderr, of };
  };
  // Only the overlay is linted: the base's error comes from the build, in the base file (origin annotations).
  const overlay = run('overlay');
  assert.equal(overlay.code, 1, overlay.stderr);
  assert.deepEqual(
    overlay.of('base/deployment.yaml').map((d) => [d.code, d.range.start.line]),
    [['KubeRestartPolicy', line]],
  );
  assert.match(overlay.of('base/deployment.yaml')[0].message, /Deployment prod-api/);
  // The whole tree: the overlay is the one root; the base file's finding is reported once.
  const all = run('.');
  assert.deepEqual(
    all.of('base/deployment.yaml').map((d) => [d.code, d.range.start.line]),
    [['KubeRestartPolicy', line]],
  );
  assert.deepEqual(all.of('overlay/kustomization.yaml'), []);
  // A build error (a resource file that is not there) lands on the kustomization.
  fs.appendFileSync(path.join(dir, 'overlay/kustomization.yaml'), '- missing.yaml\n');
  const broken = run('overlay');
  assert.ok(
    broken.of('overlay/kustomization.yaml').some((d) => d.code === 'KustomizeBuild' && /missing\.yaml/.test(d.message)),
    JSON.stringify(broken.of('overlay/kustomization.yaml')),
  );
});
