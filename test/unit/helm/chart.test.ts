import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartRootOf, valueFilesFor } from '../../../server/src/helm/chart';
import { TextIndex } from '../../../server/src/helm/text-index';

const charts = (...dirs: string[]) => (dir: string) => dirs.includes(dir);

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

test('shipshape.helm.values: keys are chart folders (absolute, a suffix, or *), files relative to the chart', () => {
  const configured = { 'charts/web': ['values-prod.yaml', '/abs/extra.yaml'], '/w/api': ['values-dev.yaml'], '*': ['../common.yaml'] };
  assert.deepEqual(valueFilesFor('/w/charts/web', configured), ['/w/charts/web/values-prod.yaml', '/abs/extra.yaml', '/w/charts/common.yaml']);
  assert.deepEqual(valueFilesFor('/w/api', configured), ['/w/api/values-dev.yaml', '/w/common.yaml']);
  assert.deepEqual(valueFilesFor('/w/charts/webapp', { 'charts/web': ['x.yaml'] }), []);
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
