import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartKey, valuesCandidates, withChartValues } from '../../../client/src/helm/values-choice';
import { valueFilesFor } from '../../../server/src/helm/chart';

// **Choose Values Files…** writes shipshape.helm.valueFiles as the server reads it: the same chart, the same files.

test('the entry it writes is the one the server applies to that chart', () => {
  const key = chartKey('/w/charts/web', '/w');
  assert.equal(key, 'charts/web');
  assert.equal(chartKey('/w', '/w'), '*');
  const setting = withChartValues({ other: ['a.yaml'] }, key, ['values-prod.yaml', 'ci/ha.yaml']);
  assert.deepEqual(setting, { other: ['a.yaml'], 'charts/web': ['values-prod.yaml', 'ci/ha.yaml'] });
  assert.deepEqual(valueFilesFor('/w/charts/web', setting), ['/w/charts/web/values-prod.yaml', '/w/charts/web/ci/ha.yaml']);
  assert.deepEqual(withChartValues(setting, key, []), { other: ['a.yaml'] });
});

test('candidates: values*.yaml and ci/*.yaml beside the chart, never values.yaml itself', () => {
  assert.deepEqual(valuesCandidates('/c', ['/c/values.yaml', '/c/values-prod.yaml', '/c/ci/ha-values.yaml', '/c/templates/values.yaml', '/c/values.dev.yml']), ['ci/ha-values.yaml', 'values-prod.yaml', 'values.dev.yml']);
});
