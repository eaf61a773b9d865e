import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { renderRequest } from '../../../server/src/helm';
import { chartRootOf, valueFilesFor } from '../../../server/src/helm/chart';
import { TextIndex } from '../../../server/src/helm/text-index';

const charts =
  (...dirs: string[]) =>
  (dir: string) =>
    dirs.includes(dir);

test('a file belongs to the outermost chart whose charts/ folder holds it', () => {
  const isChart = charts('/w/app', '/w/app/charts/db', '/w/app/charts/db/charts/cache', '/w/other');
  assert.equal(chartRootOf('/w/app/templates/deploy.yaml', isChart), '/w/app');
  assert.equal(chartRootOf('/w/app/templates/sub/_x.tpl', isChart), '/w/app');
  assert.equal(chartRootOf('/w/app/Chart.yaml', isChart), '/w/app');
  assert.equal(chartRootOf('/w/app/charts/db/templates/sts.yaml', isChart), '/w/app');
  assert.equal(chartRootOf('/w/app/charts/db/charts/cache/values.yaml', isChart), '/w/app');
  assert.equal(chartRootOf('/w/other/templates/x.yaml', isChart), '/w/other');
  assert.equal(chartRootOf('/w/loose/templates/x.yaml', isChart), undefined);
  // A chart in a folder merely named charts is not a subchart unless its parent is a chart.
  assert.equal(chartRootOf('/w/charts/web/templates/x.yaml', charts('/w/charts/web')), '/w/charts/web');
});

test('shipshape.helm.valueFiles: keys are chart folders (absolute, a suffix, or *), files relative to the chart', () => {
  const configured = { 'charts/web': ['values-prod.yaml', '/abs/extra.yaml'], '/w/api': ['values-dev.yaml'], '*': ['../common.yaml'] };
  assert.deepEqual(valueFilesFor('/w/charts/web', configured), ['/w/charts/web/values-prod.yaml', '/abs/extra.yaml', '/w/charts/common.yaml']);
  assert.deepEqual(valueFilesFor('/w/api', configured), ['/w/api/values-dev.yaml', '/w/common.yaml']);
  assert.deepEqual(valueFilesFor('/w/charts/webapp', { 'charts/web': ['x.yaml'] }), []);
});

test('shipshape.helm.values, the deprecated name, is still read; shipshape.helm.valueFiles wins for a chart both name', () => {
  const settings = normalizeSettings({ helm: { values: { web: ['old.yaml'], api: ['api.yaml'] }, valueFiles: { web: ['new.yaml'] } } });
  assert.deepEqual(settings.helm.valueFiles, { web: ['new.yaml'], api: ['api.yaml'] });
  assert.deepEqual(normalizeSettings({ helm: { values: { '*': ['ci/ha.yaml'] } } }).helm.valueFiles, { '*': ['ci/ha.yaml'] });
});

test('TextIndex: engine byte offsets and line/byte columns to LSP lines and UTF-16 characters', () => {
  const index = new TextIndex('a: é\nb: 😀 {{ .x }}\n');
  assert.deepEqual(index.position(0), { line: 0, character: 0 });
  assert.deepEqual(index.position(Buffer.byteLength('a: é\nb: 😀 ')), { line: 1, character: 6 });
  assert.deepEqual(index.positionOfLine(2, Buffer.byteLength('b: 😀 ') + 1), { line: 1, character: 6 });
  assert.deepEqual(index.lineEnd(1), { line: 1, character: 'b: 😀 {{ .x }}'.length });
  assert.equal(index.lineText(0), 'a: é');
  // A byte-order mark is dropped, as the engine drops it.
  assert.deepEqual(new TextIndex('\ufeffkey: v').position(3), { line: 0, character: 3 });
});

test("the render request: the editor's unsaved chart files, the settings' values files, --set and release, the target version", () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-helm-request-')));
  try {
    fs.writeFileSync(path.join(root, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
    fs.writeFileSync(path.join(root, 'values-prod.yaml'), 'a: 1\n');
    const workspace = new FileWorkspace({ roots: [root] });
    const template = path.join(root, 'templates', 'x.yaml');
    const open = sourceFile(TextDocument.create(pathToUri(template), 'yaml', 3, 'kind: {{ .Values.kind }}\n'), 'helm-template', '1.35');
    workspace.setOpen(open);
    workspace.setOpen(sourceFile(TextDocument.create(pathToUri('/elsewhere/x.yaml'), 'yaml', 1, 'x: 1\n'), 'yaml', '1.35'));
    const settings = normalizeSettings({ helm: { valueFiles: { '*': ['values-prod.yaml', '/outside/values.yaml'] }, set: ['a=2', 'not-a-set'], releaseName: 'shop', namespace: 'prod' } });
    const { request, refused } = renderRequest(root, open, { settings, workspace });
    assert.deepEqual(request.overlay, { [template]: 'kind: {{ .Values.kind }}\n' });
    assert.deepEqual(request.params.valueFiles, [path.join(root, 'values-prod.yaml')]);
    assert.equal(refused.length, 1);
    assert.match(String(refused[0].message), /\/outside\/values\.yaml, which was not read/);
    assert.deepEqual(request.params.set, ['a=2']);
    assert.equal(request.params.releaseName, 'shop');
    assert.equal(request.params.namespace, 'prod');
    assert.equal(request.params.kubeVersion, '1.35.0');
    assert.equal(request.params.apiVersions, undefined);
    // A connected cluster: its version when the setting is auto, its APIs.
    const cluster = { context: 'c', serverVersion: 'v1.34.2', served: ['v1', 'apps/v1'], crds: [{ spec: { group: 'x.io', names: { kind: 'W' }, versions: [{ name: 'v1', served: true }] } }], openapi: [] };
    const connected = renderRequest(root, open, { settings: normalizeSettings({}), workspace, cluster }).request.params;
    assert.equal(connected.kubeVersion, '1.34.2');
    assert.deepEqual(connected.apiVersions, ['v1', 'apps/v1', 'x.io/v1', 'x.io/v1/W']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
