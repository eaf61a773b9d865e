import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, Location, MarkupContent, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm } from '../../scripts/engine.mjs';
import { copyChart } from '../support/helm-charts';
import { fileUri, LspClient, REPO } from '../support/lsp-client';
import { HELM_RENDERED_REQUEST, type HelmRenderedResult } from '../../protocol';

// Template editing through the built server over stdio (run `npm run build` first), on a real chart with an
// aliased subchart (test/fixtures/helm/editing; the oracle test renders it as `helm template` does) and on the
// shared corpus's prometheus chart read in place: completion, hover, definition, references, rename and
// unused values, with the real engine rendering beside them.

const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-templates-')));
const chart = path.join(dir, 'editing');
let client: LspClient;

before(async () => {
  copyChart(path.join(REPO, 'test/fixtures/helm/editing'), chart);
  // A values file the user chooses (shipshape.helm.valueFiles), applied last as `helm -f` applies it.
  fs.writeFileSync(path.join(chart, 'values-extra.yaml'), 'backend:\n  replicas: 5\n');
  ({ client } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.35' }, helm: { valueFiles: { editing: ['values-extra.yaml'] } } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } }));
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const file = (relative: string) => path.join(chart, relative);
const read = (relative: string) => fs.readFileSync(file(relative), 'utf8');
/** The position just after the first `needle` in a text (or at `needle`'s start + `into`). */
function at(text: string, needle: string, into = needle.length): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in the text`);
  const before = text.slice(0, offset + into).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}
const items = (result: CompletionItem[] | CompletionList | null) => (Array.isArray(result) ? result : (result?.items ?? []));
const labels = (result: CompletionItem[] | CompletionList | null) => items(result).map((i) => i.label);
const hoverText = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';
const lineOf = (relative: string, needle: string) =>
  read(relative)
    .split('\n')
    .findIndex((l) => l.includes(needle));
const where = (locations: Location[] | null) => (locations ?? []).map((l) => `${path.relative(chart, new URL(l.uri).pathname)}:${l.range.start.line}`).sort();

const opened = new Set<string>();
/** Opens a chart file in the editor (or sets its text, once open). */
async function open(relative: string, text = read(relative)): Promise<string> {
  const uri = fileUri(file(relative));
  if (opened.has(uri)) client.change(uri, text);
  else client.open(uri, 'yaml', text);
  opened.add(uri);
  return uri;
}

test('completion of .Values paths from values.yaml, with each value and its comment', async () => {
  const text = read('templates/deployment.yaml').replace('{{ .Values.replicaCount }}', '{{ .Values. }}');
  const uri = await open('templates/deployment.yaml', text);
  const top = items(await client.request('textDocument/completion', { textDocument: { uri }, position: at(text, '{{ .Values.') }));
  assert.deepEqual(
    top.map((i) => i.label),
    ['replicaCount', 'image', 'service', 'leftover', 'global', 'backend'],
  );
  const replicas = top.find((i) => i.label === 'replicaCount')!;
  assert.equal(replicas.detail, '2');
  assert.match((replicas.documentation as MarkupContent).value, /How many pods run\.[\s\S]*values\.yaml/);

  const nested = text.replace('{{ .Values.image.tag }}', '{{ .Values.image.t }}');
  client.change(uri, nested);
  const image = items(await client.request('textDocument/completion', { textDocument: { uri }, position: at(nested, '{{ .Values.image.t') }));
  assert.deepEqual(
    image.map((i) => i.label),
    ['repository', 'tag'],
  );
  const tag = image.find((i) => i.label === 'tag')!;
  assert.equal(tag.detail, '"1.27"');
  // The edit replaces what was typed of the key.
  assert.equal(tag.textEdit && 'range' in tag.textEdit ? tag.textEdit.range.start.character : -1, at(nested, '{{ .Values.image.t').character - 1);
  const repository = image.find((i) => i.label === 'repository')!;
  assert.match((repository.documentation as MarkupContent).value, /The image's repository\./);
  client.change(uri, read('templates/deployment.yaml'));
});

test("a subchart's .Values: its own values.yaml and its parent's under the alias, with the chosen values file", async () => {
  const text = read('charts/sub/templates/deployment.yaml').replace('{{ .Values.replicas }}', '{{ .Values.rep }}');
  const uri = await open('charts/sub/templates/deployment.yaml', text);
  const [replicas] = items(await client.request('textDocument/completion', { textDocument: { uri }, position: at(text, '.Values.rep') }));
  assert.equal(replicas?.label, 'replicas');
  // The chosen file's backend.replicas (5) is what Helm renders: it wins over the parent's (3) and the subchart's default (1), and all show.
  assert.equal(replicas?.detail, '5');
  const doc = (replicas!.documentation as MarkupContent).value;
  assert.match(doc, /The backend's replicas\.[\s\S]*charts\/sub\/values\.yaml[\s\S]*1[\s\S]*\nvalues\.yaml[\s\S]*3[\s\S]*values-extra\.yaml[\s\S]*5/);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(text, '.Values.rep', 10) });
  assert.match(hoverText(hover), /\*\*\.Values\.rep\*\*/);
  client.change(uri, read('charts/sub/templates/deployment.yaml'));
  const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(read('charts/sub/templates/deployment.yaml'), '.Values.replicas', 10) });
  assert.deepEqual(where(definition), [`charts/sub/values.yaml:${lineOf('charts/sub/values.yaml', 'replicas:')}`, 'values-extra.yaml:1', `values.yaml:${lineOf('values.yaml', '  replicas: 3')}`]);
});

test('completion of the built-in objects, their members, named templates and functions', async () => {
  const base = read('templates/service.yaml');
  const uri = await open('templates/service.yaml', base);
  const edit = async (replacement: string, needle: string) => {
    const text = base.replace('{{ .Values.service.port }}', replacement);
    client.change(uri, text);
    return client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at(text, needle) });
  };
  assert.deepEqual(labels(await edit('{{ .C }}', '{{ .C')), ['Values', 'Release', 'Chart', 'Capabilities', 'Files', 'Template', 'Subcharts']);
  const chartMembers = labels(await edit('{{ .Chart. }}', '{{ .Chart.'));
  for (const name of ['Name', 'Version', 'AppVersion', 'APIVersion']) assert.ok(chartMembers.includes(name), name);
  assert.deepEqual(labels(await edit('{{ $.Capabilities.KubeVersion. }}', 'KubeVersion.')), ['Version', 'Major', 'Minor', 'GitVersion']);
  assert.deepEqual(labels(await edit('{{ .Release.Na }}', '.Release.Na')), ['Name', 'Namespace', 'IsUpgrade', 'IsInstall', 'Revision', 'Service']);
  // include "…": every define of the tree, with its body.
  const names = items(await edit('{{ include "ed" . }}', 'include "ed'));
  assert.deepEqual(
    names.map((i) => i.label),
    ['editing.fullname', 'editing.labels'],
  );
  assert.match((names[0]!.documentation as MarkupContent).value, /printf "%s-%s" \.Release\.Name \.Chart\.Name/);
  assert.equal(names[0]!.detail, path.join('templates', '_helpers.tpl'));
  // Functions: Helm's own and sprig's, from the generated list, with signatures and docs.
  const functions = items(await edit('{{ .Values.service.port | to }}', '| to'));
  const toYaml = functions.find((i) => i.label === 'toYaml');
  assert.equal(toYaml?.detail, 'toYaml(any) string');
  const nindent = functions.find((i) => i.label === 'nindent');
  assert.equal(nindent?.detail, 'nindent(int, string) string');
  assert.match((nindent!.documentation as MarkupContent).value, /prepends a new line/);
  for (const name of ['include', 'tpl', 'required', 'lookup', 'default', 'quote', 'printf', 'if', 'range'])
    assert.ok(
      functions.some((i) => i.label === name),
      name,
    );
  // env and expandenv are not Helm's (it removes them from sprig's map).
  assert.ok(!functions.some((i) => i.label === 'env' || i.label === 'expandenv'));
  // Outside actions: nothing.
  client.change(uri, base);
  assert.deepEqual(labels(await client.request('textDocument/completion', { textDocument: { uri }, position: at(base, 'kind: Serv') })), []);
});

test('hover: the value of .Values keys, a function’s docs, the define an include calls, a .Chart member’s value', async () => {
  const text = read('templates/deployment.yaml');
  const uri = await open('templates/deployment.yaml', text);
  const hover = (needle: string, into?: number) => client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(text, needle, into) });
  const tag = await hover('.Values.image.tag', 16);
  assert.match(hoverText(tag), /\*\*\.Values\.image\.tag\*\*[\s\S]*values\.yaml:\n```yaml\n"1\.27"\n```/);
  const image = hoverText(await hover('.Values.image.tag', 10));
  assert.match(image, /\*\*\.Values\.image\*\*[\s\S]*repository: nginx\n\s*tag: "1\.27"/);
  assert.match(hoverText(await hover('| nindent', 4)), /nindent\(int, string\) string[\s\S]*prepends a new line/);
  const include = hoverText(await hover('include "editing.labels"', 12));
  assert.match(include, /\*\*editing\.labels\*\*[\s\S]*templates\/_helpers\.tpl[\s\S]*app\.kubernetes\.io\/name: \{\{ \.Chart\.Name \}\}[\s\S]*team:/);
  // A key no values file sets says so.
  const missing = text.replace('{{ .Values.replicaCount }}', '{{ .Values.nope }}');
  client.change(uri, missing);
  const nope = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: at(missing, '.Values.nope', 10) });
  assert.match(hoverText(nope), /Not set in the chart's values files/);
  client.change(uri, text);
  const helpers = read('templates/_helpers.tpl');
  const helpersUri = await open('templates/_helpers.tpl', helpers);
  const name = await client.request<Hover>('textDocument/hover', { textDocument: { uri: helpersUri }, position: at(helpers, '.Chart.Name', 8) });
  assert.match(hoverText(name), /\*\*\.Chart\.Name\*\*[\s\S]*Chart\.yaml: `editing`/);
});

test('go to definition: .Values.a.b to its key in values.yaml, include "x" to its define', async () => {
  const text = read('templates/deployment.yaml');
  const uri = await open('templates/deployment.yaml', text);
  const definition = (needle: string, into?: number) => client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at(text, needle, into) });
  const tag = await definition('.Values.image.tag', 15);
  assert.deepEqual(where(tag), [`values.yaml:${lineOf('values.yaml', 'tag: "1.27"')}`]);
  assert.equal(tag[0]!.range.start.character, 2);
  assert.deepEqual(where(await definition('.Values.image.tag', 10)), [`values.yaml:${lineOf('values.yaml', 'image:')}`]);
  const include = await definition('include "editing.fullname"', 12);
  assert.deepEqual(where(include), [`templates/_helpers.tpl:${lineOf('templates/_helpers.tpl', 'define "editing.fullname"')}`]);
  // The subchart's include of its parent's define: templates share one namespace across the tree.
  const sub = read('charts/sub/templates/deployment.yaml');
  const subUri = await open('charts/sub/templates/deployment.yaml', sub);
  const fromSub = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: subUri }, position: at(sub, 'include "editing', 12) });
  assert.deepEqual(where(fromSub), [`templates/_helpers.tpl:${lineOf('templates/_helpers.tpl', 'define "editing.fullname"')}`]);
});

test('references and rename of a values key across values.yaml and templates, and of a named template', async () => {
  const values = read('values.yaml');
  const valuesUri = await open('values.yaml', values);
  const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: valuesUri }, position: at(values, 'tag:', 1), context: { includeDeclaration: true } });
  assert.deepEqual(where(references), [`templates/deployment.yaml:${lineOf('templates/deployment.yaml', '.Values.image.tag')}`, `values.yaml:${lineOf('values.yaml', 'tag:')}`]);
  // The parent's backend.replicas is the subchart's .Values.replicas.
  const backend = await client.request<Location[]>('textDocument/references', { textDocument: { uri: valuesUri }, position: at(values, '  replicas:', 4), context: { includeDeclaration: true } });
  assert.deepEqual(where(backend), [
    `charts/sub/templates/deployment.yaml:${lineOf('charts/sub/templates/deployment.yaml', '.Values.replicas')}`,
    `charts/sub/values.yaml:${lineOf('charts/sub/values.yaml', 'replicas:')}`,
    'values-extra.yaml:1',
    `values.yaml:${lineOf('values.yaml', '  replicas: 3')}`,
  ]);

  const template = read('templates/deployment.yaml');
  const uri = await open('templates/deployment.yaml', template);
  const range = await client.request<{ start: Position; end: Position }>('textDocument/prepareRename', { textDocument: { uri }, position: at(template, '.Values.image.tag', 15) });
  assert.deepEqual(range, { start: at(template, '.Values.image.tag', 14), end: at(template, '.Values.image.tag') });
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(template, '.Values.image.tag', 15), newName: 'version' });
  const changed = Object.entries(edit.changes ?? {}).map(([u, edits]) => [path.relative(chart, new URL(u).pathname), edits.map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.character}=${e.newText}`)]);
  assert.deepEqual(Object.fromEntries(changed), {
    'values.yaml': [`${lineOf('values.yaml', 'tag:')}:2-5=version`],
    'templates/deployment.yaml': [`${at(template, '.Values.image.tag', 14).line}:${at(template, '.Values.image.tag', 14).character}-${at(template, '.Values.image.tag').character}=version`],
  });
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: at(template, '.Values.image.tag', 15), newName: 'my-tag' }), /cannot be read as \.Values\.my-tag/);

  const named = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at(template, 'include "editing.fullname"', 12), newName: 'editing.name' });
  const counts = Object.fromEntries(Object.entries(named.changes ?? {}).map(([u, edits]) => [path.relative(chart, new URL(u).pathname), edits.length]));
  assert.deepEqual(counts, { 'templates/_helpers.tpl': 1, 'templates/deployment.yaml': 3, 'templates/service.yaml': 2, 'charts/sub/templates/deployment.yaml': 1 });
});

test('unused values: a key no template reads is a warning on its key; globals and the subchart’s keys are not', async () => {
  const values = read('values.yaml');
  const uri = await open('values.yaml', values);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'HelmValuesUnused'), 30_000);
  const unused = diagnostics.filter((d) => d.code === 'HelmValuesUnused');
  assert.deepEqual(
    unused.map((d) => [d.range.start.line, d.severity, d.message]),
    [[lineOf('values.yaml', 'leftover:'), 2, 'No template of the chart or its subcharts reads .Values.leftover: remove it, or use it in a template.']],
  );
  // Read it, and the warning goes.
  const template = read('templates/service.yaml');
  await open('templates/service.yaml', template.replace('{{ .Values.service.port }}', '{{ .Values.service.port }}{{ if .Values.leftover.size }}{{ end }}'));
  const read1 = client.change(uri, `${values}\n`);
  assert.ok(!(await client.waitForDiagnostics(uri, (p) => p.version === read1, 30_000)).some((d) => d.code === 'HelmValuesUnused'));
  // A bare .Values reads everything (`toYaml .Values`, `index .Values $key`): nothing is called unused.
  await open('templates/service.yaml', `${template}{{/* all */}}{{ index .Values $.Release.Name | len }}\n`);
  const all = client.change(uri, values.replace('leftover:', 'leftover2:'));
  assert.ok(!(await client.waitForDiagnostics(uri, (p) => p.version === all, 30_000)).some((d) => d.code === 'HelmValuesUnused'));
  await open('templates/service.yaml', template);
});

test('the rendered manifest is `helm template`’s, with the chosen values and the unsaved text, and says why it fails', async () => {
  const template = read('templates/service.yaml');
  const uri = await open('templates/service.yaml', template);
  const rendered = await client.request<HelmRenderedResult>(HELM_RENDERED_REQUEST, { uri });
  assert.equal(rendered.chart, fileUri(chart));
  assert.deepEqual(rendered.errors, []);
  const helm = execFileSync(buildHelm(), ['template', chart, '-f', file('values-extra.yaml'), '--kube-version', '1.35.0', '--include-crds'], { encoding: 'utf8' });
  assert.equal(rendered.text, helm);
  client.change(uri, template.replace('{{ .Values.service.port }}', '8443'));
  assert.match((await client.request<HelmRenderedResult>(HELM_RENDERED_REQUEST, { uri })).text, /- port: 8443\n/);
  client.change(uri, template.replace('{{ .Values.service.port }}', '{{ .Values.service.port'));
  const broken = await client.request<HelmRenderedResult>(HELM_RENDERED_REQUEST, { uri });
  assert.equal(broken.text, '');
  assert.match(broken.errors.join('\n'), /unclosed action started at editing\/templates\/service\.yaml:9/);
  client.change(uri, template);
  assert.deepEqual(await client.request<HelmRenderedResult>(HELM_RENDERED_REQUEST, { uri: fileUri(path.join(dir, 'elsewhere.yaml')) }), { chart: null, text: '', errors: [] });
});

test('unused values on the prometheus chart of the shared corpus: only keys no template text reads', { skip: !fs.existsSync(SHARED) && process.env.CI !== 'true' ? 'the shared charts are absent' : false }, async () => {
  const prometheus = path.join(SHARED, 'prometheus');
  // Read in place (the server never writes): the chart as the corpus has it.
  const { client: shared } = await LspClient.start({ rootPath: prometheus, settings: { kubernetes: { version: '1.35' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } });
  try {
    const valuesPath = path.join(prometheus, 'values.yaml');
    const uri = fileUri(valuesPath);
    shared.open(uri, 'yaml', fs.readFileSync(valuesPath, 'utf8'));
    const diagnostics = await shared.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'HelmValuesUnused'), 60_000);
    const paths = diagnostics.filter((d) => d.code === 'HelmValuesUnused').map((d) => /reads \.Values\.(\S+):/.exec(String(d.message))![1]!);
    assert.deepEqual(paths, ['server.statefulSet.annotations', 'server.daemonSet.annotations']);
    const templates = fs.readdirSync(path.join(prometheus, 'templates')).map((name) => fs.readFileSync(path.join(prometheus, 'templates', name), 'utf8'));
    // What it says is true: no template names the key.
    for (const key of paths) assert.ok(!templates.some((t) => t.includes(`.${key}`)), key);
  } finally {
    await shared.stop();
  }
});
