import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveKubernetesVersion, NEWEST_KUBERNETES_VERSION, normalizeSettings } from '../../../server/src/core/settings';

test('settings: defaults, bad shapes dropped, v prefix removed', () => {
  const settings = normalizeSettings({ kubernetes: { version: 'v1.33' }, rules: { A: 'off', B: 'loud', C: 3 }, compose: { files: ['a.yaml', 7] } });
  assert.equal(settings.kubernetes.version, '1.33');
  assert.deepEqual(settings.rules, { A: 'off' });
  assert.deepEqual(settings.compose.files, ['a.yaml']);
  assert.equal(normalizeSettings(null).kubernetes.version, 'auto');
});

test('kubernetes version: modeline > setting > cluster > newest bundled', () => {
  const auto = normalizeSettings({});
  const pinned = normalizeSettings({ kubernetes: { version: '1.32' } });
  assert.equal(effectiveKubernetesVersion(pinned, '1.33', '1.34'), '1.33');
  assert.equal(effectiveKubernetesVersion(pinned, undefined, '1.34'), '1.32');
  assert.equal(effectiveKubernetesVersion(auto, undefined, '1.34'), '1.34');
  assert.equal(effectiveKubernetesVersion(auto), NEWEST_KUBERNETES_VERSION);
});

test('diagnostics scope: workspace unless openFiles is asked for', () => {
  assert.equal(normalizeSettings({}).diagnostics.scope, 'workspace');
  assert.equal(normalizeSettings({ diagnostics: { scope: 'openFiles' } }).diagnostics.scope, 'openFiles');
  assert.equal(normalizeSettings({ diagnostics: { scope: 'everything' } }).diagnostics.scope, 'workspace');
});
