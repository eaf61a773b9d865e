import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseYaml, rangeOfPath, yamlSyntaxFindings } from '../../../server/src/yaml/parse';

const doc = (text: string) => TextDocument.create('file:///x.yaml', 'yaml', 1, text);

test('syntax errors and duplicate keys become findings at their position', () => {
  const text = 'a: 1\na: 2\nb: [1, 2\n';
  const findings = yamlSyntaxFindings(doc(text), parseYaml(text));
  assert.ok(
    findings.some((f) => f.code === 'YamlDuplicateKey' && f.range.start.line === 1),
    JSON.stringify(findings),
  );
  assert.ok(findings.some((f) => f.code === 'YamlSyntax'));
});

test('rangeOfPath finds keys and values in the right document, or the nearest ancestor', () => {
  const text = 'kind: A\n---\nkind: B\nspec:\n  items:\n    - name: x\n      port: 8080\n';
  const yaml = parseYaml(text);
  const d = doc(text);
  assert.equal(yaml.documents.length, 2);
  const value = rangeOfPath(d, yaml.documents[1], ['spec', 'items', 0, 'port']);
  assert.deepEqual(value, { start: { line: 6, character: 12 }, end: { line: 6, character: 16 } });
  const key = rangeOfPath(d, yaml.documents[1], ['spec', 'items', 0, 'port'], 'key');
  assert.deepEqual(key.start, { line: 6, character: 6 });
  const missing = rangeOfPath(d, yaml.documents[1], ['spec', 'items', 0, 'nope'], 'key');
  assert.equal(missing.start.line, 5);
});
