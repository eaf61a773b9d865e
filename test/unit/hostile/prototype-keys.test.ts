/**
 * Item 8: keys named like Object.prototype's members are the document's own keys: `constructor`, `toString`
 * and `__proto__` are reported as unknown fields like any other, and a Compose `__proto__` key stays a key
 * (it must not re-parent its map and smuggle fields in or out).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/compose/analysis';
import { composeSupport } from '../../../server/src/compose/index';
import type { Finding } from '../../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
const ctx = () => ({ settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });

test('Kubernetes: prototype-named fields are unknown fields', async () => {
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${NAMES.map((n) => `  ${n}: x\n`).join('')}spec:\n  containers:\n    - name: c\n      image: x\n${NAMES.map((n) => `      ${n}: 1\n`).join('')}`;
  const findings = await kubernetesSupport.validate(sourceFile(TextDocument.create('file:///w/p.yaml', 'yaml', 1, text), 'kubernetes', '1.36'), ctx());
  const unknown = findings.filter((f) => f.code === 'KubeUnknownField').map((f) => f.message);
  for (const name of NAMES) {
    assert.ok(unknown.includes(`unknown field "metadata.${name}"`), `metadata.${name}: ${unknown.join('; ')}`);
    assert.ok(unknown.includes(`unknown field "spec.containers[0].${name}"`), `containers.${name}`);
  }
});

test('Compose: prototype-named fields are unknown, and __proto__ does not re-parent its map', () => {
  const text = `services:\n  web:\n    image: nginx\n${NAMES.map((n) => `    ${n}: {}\n`).join('')}  __proto__:\n    image: evil\n`;
  const file = sourceFile(TextDocument.create('file:///w/compose.yaml', 'dockercompose', 1, text), 'compose', '1.36');
  const workspace = new FileWorkspace();
  const { compose, project } = analyze(file, DEFAULT_SETTINGS, workspace);
  const web = (compose.model.services as Record<string, unknown>).web as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(web), Object.prototype);
  assert.ok(Object.hasOwn(web, '__proto__'));
  const services = project.merged.services as Record<string, unknown>;
  assert.deepEqual(Object.keys(services), ['web', '__proto__'], 'a service named __proto__ is a service');
  assert.equal(Object.getPrototypeOf(services), Object.prototype);
  const findings = composeSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace }) as Finding[];
  const lines = new Set(findings.filter((f) => f.code === 'ComposeSchema' || /not allowed|additional/i.test(String(f.message))).map((f) => f.range.start.line));
  NAMES.forEach((_, i) => assert.ok(lines.has(3 + i), `line ${3 + i} (${NAMES[i]}) reported: ${JSON.stringify(findings.map((f) => [f.range.start.line, f.code, f.message]))}`));
});

test('Compose merge: an override keyed __proto__ merges as a key', () => {
  const text = `services:\n  web:\n    image: nginx\n---\nservices:\n  web:\n    environment:\n      __proto__: x\n      constructor: y\n`;
  const file = sourceFile(TextDocument.create('file:///w/compose.yaml', 'dockercompose', 1, text), 'compose', '1.36');
  const { project } = analyze(file, DEFAULT_SETTINGS, new FileWorkspace());
  const env = (project.merged.services as Record<string, Record<string, unknown>>).web.environment as Record<string, unknown>;
  assert.deepEqual(Object.entries(env), [
    ['__proto__', 'x'],
    ['constructor', 'y'],
  ]);
  assert.equal(Object.getPrototypeOf(env), Object.prototype);
});
