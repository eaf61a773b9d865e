import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, Diagnostic, Hover } from 'vscode-languageserver-protocol';
// @ts-expect-error: a plain .mjs build script
import { buildEngine } from '../../scripts/engine.mjs';
import { copyChart } from '../support/helm-charts';
import { fileUri, LspClient, REPO } from '../support/lsp-client';

// Chart.yaml through the built server (run `npm run build` first) with the real engine: Shipshape's
// HelmChartYaml… rules on the field they are about, Helm's own load errors on the key Helm names, and
// completion and hover of Helm's fields.

const FIXTURES = path.join(REPO, 'test/fixtures/helm');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-chart-yaml-')));
let client: LspClient;
let web: string;
let legacy: string;

before(async () => {
  web = copyChart(path.join(FIXTURES, 'web'), path.join(dir, 'web'));
  legacy = copyChart(path.join(FIXTURES, 'web'), path.join(dir, 'legacy'));
  fs.writeFileSync(path.join(legacy, 'requirements.yaml'), 'dependencies: []\n');
  ({ client } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.36' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } }));
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TIMEOUT = 30_000;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const has =
  (...codes: string[]) =>
  (p: { diagnostics: Diagnostic[] }) =>
    codes.every((code) => p.diagnostics.some((d) => d.code === code));

const BROKEN = `apiVersion: v2
name: web
version: "1.2"
kubeVersion: ">=1.30 <<2"
appVersion: "2.0.1"
engine: gotpl
dependancies: []
dependencies:
  - name: redis
    version: not a range
    repository: https://charts.example.com
    condtion: redis.enabled
`;

test("Chart.yaml: each rule on the field it is about, Helm's missing dependency once on dependencies", async () => {
  const uri = fileUri(path.join(web, 'Chart.yaml'));
  client.open(uri, 'yaml', BROKEN);
  const codes = ['HelmChartYamlVersion', 'HelmChartYamlKubeVersion', 'HelmChartYamlDeprecated', 'HelmChartYamlUnknownField', 'HelmChartYamlDependency', 'HelmChartDependencies'];
  const diagnostics = await client.waitForDiagnostics(uri, has('HelmChartYamlVersion', 'HelmChartDependencies'), TIMEOUT);
  assert.deepEqual([...new Set(diagnostics.map((d) => String(d.code)))].filter((c) => codes.includes(c)).sort(), [...codes].sort());
  const at = (code: string) => diagnostics.filter((d) => d.code === code).map((d) => [d.range.start.line, String(d.message)] as const);
  assert.match(at('HelmChartYamlVersion')[0]![1], /"1\.2" is not a SemVer 2 version .* reads it as 1\.2\.0/);
  assert.equal(at('HelmChartYamlVersion')[0]![0], lineOf(BROKEN, 'version: "1.2"'));
  assert.equal(at('HelmChartYamlKubeVersion')[0]![0], lineOf(BROKEN, 'kubeVersion'));
  assert.match(at('HelmChartYamlDeprecated')[0]![1], /ignore `engine`/);
  assert.deepEqual(
    at('HelmChartYamlUnknownField').map(([l, m]) => [l, /did you mean `(\w+)`/.exec(m)?.[1]]),
    [
      [lineOf(BROKEN, 'dependancies'), 'dependencies'],
      [lineOf(BROKEN, 'condtion'), 'condition'],
    ],
  );
  assert.deepEqual(
    at('HelmChartYamlDependency').map(([l]) => l),
    [lineOf(BROKEN, 'not a range')],
  );
  const missing = at('HelmChartDependencies');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]![0], lineOf(BROKEN, 'dependencies:'));
  assert.match(missing[0]![1], /helm dependency build/);
  // An apiVersion Helm does not know, on its line.
  client.change(uri, BROKEN.replace('apiVersion: v2', 'apiVersion: v9'));
  const unknown = await client.waitForDiagnostics(uri, has('HelmChartYamlApiVersion'), TIMEOUT);
  assert.deepEqual(
    unknown.filter((d) => d.code === 'HelmChartYamlApiVersion').map((d) => d.range.start.line),
    [0],
  );
});

test("Chart.yaml: Helm's own refusal on the key it names; requirements.yaml in a v2 chart", async () => {
  const uri = fileUri(path.join(legacy, 'Chart.yaml'));
  const text = 'apiVersion: v2\nname: legacy\ndescription: x\nversion: abc\n';
  client.open(uri, 'yaml', text);
  const diagnostics = await client.waitForDiagnostics(uri, has('HelmChartLoad', 'HelmChartYamlDeprecated'), TIMEOUT);
  const load = diagnostics.find((d) => d.code === 'HelmChartLoad')!;
  assert.match(String(load.message), /chart\.metadata\.version "abc" is invalid/);
  assert.equal(load.range.start.line, 3);
  const deprecated = diagnostics.find((d) => d.code === 'HelmChartYamlDeprecated')!;
  assert.match(String(deprecated.message), /requirements\.yaml is Helm 2's/);
  assert.equal(deprecated.range.start.line, 0);
  // Nothing of Shipshape's own about the version: Helm's error says it.
  assert.equal(diagnostics.filter((d) => d.code === 'HelmChartYamlVersion').length, 0);
});

test('Chart.yaml: completion of the fields not yet written and of fixed values; hover with the meaning', async () => {
  const uri = fileUri(path.join(dir, 'web', 'Chart.yaml'));
  const text = 'apiVersion: v2\nname: web\nversion: 1.0.0\n\ntype: \ndependencies:\n  - name: redis\n    \n';
  client.change(uri, text);
  const labels = async (line: number, character: number) => (await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } })).map((i) => i.label);
  const top = await labels(3, 0);
  assert.ok(top.includes('appVersion') && top.includes('kubeVersion') && top.includes('maintainers'), top.join());
  assert.ok(!top.includes('name') && !top.includes('dependencies') && !top.includes('engine') && !top.includes('tags'), 'written fields and ignored ones are not offered');
  assert.deepEqual(await labels(4, 6), ['application', 'library']);
  const dependency = await labels(7, 4);
  assert.ok(dependency.includes('repository') && dependency.includes('import-values') && !dependency.includes('name'), dependency.join());
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 5 } });
  assert.match(JSON.stringify(hover.contents as unknown), /name of the chart it depends on/);
  const kube = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.match(JSON.stringify(kube.contents as unknown), /One of: `v2`, `v1`/);
});
