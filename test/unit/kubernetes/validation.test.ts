import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { cronProblem } from '../../../server/src/kubernetes/validation/cron';
import { dns1035Label, portName, qualifiedName } from '../../../server/src/kubernetes/validation/names';
import { isValidQuantity, quantityValue } from '../../../server/src/kubernetes/validation/quantity';
import { splitDocuments } from '../../../server/src/kubernetes/model/documents';

const validate = (text: string, version = '1.36') => kubernetesSupport.validate(sourceFile(TextDocument.create('file:///w/x.yaml', 'yaml', 1, text), 'kubernetes', version), { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });

describe('kubernetes validation helpers', () => {
  it('parses quantities like resource.Quantity', () => {
    for (const ok of ['1', '100m', '1.5Gi', '1e3', '.5', '+2', '0.1k', '5E-3']) assert.ok(isValidQuantity(ok), ok);
    for (const bad of ['1 Gi', '512MB', 'ten', '1.2.3', '', 'Gi']) assert.ok(!isValidQuantity(bad), bad);
    assert.equal(quantityValue('1Gi'), 2 ** 30);
    assert.equal(quantityValue('250m'), 0.25);
  });

  it('checks cron schedules the way robfig/cron does', () => {
    for (const ok of ['*/5 * * * *', '0 0 1 JAN MON-FRI', '@daily', '@every 1h30m', '0 0 * * ?']) assert.equal(cronProblem(ok), undefined, ok);
    for (const bad of ['* * * *', '60 * * * *', '0 24 * * *', '@fortnightly', '0 0 1 foo *', '*/0 * * * *']) assert.ok(cronProblem(bad), bad);
  });

  it('knows name syntaxes', () => {
    assert.equal(dns1035Label('web'), undefined);
    assert.ok(dns1035Label('1web'));
    assert.equal(qualifiedName('app.kubernetes.io/name'), undefined);
    assert.ok(qualifiedName('a/b/c'));
    assert.ok(portName('http-port-for-web'));
    assert.ok(portName('80'));
  });

  it('splits documents only at column-0 separators', () => {
    const spans = splitDocuments('a: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n');
    assert.deepEqual(
      spans.map((s) => s.startLine),
      [0, 1, 5],
    );
  });

  it('skips a document of only comments (a generated banner before the first ---), as kubectl does', async () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
    assert.deepEqual(await validate(`# This is an auto-generated file. DO NOT EDIT\n---\n${configMap}---\n# nothing here\n---\n`), []);
    // A document with content but no kind is still an object missing its kind.
    assert.deepEqual(
      (await validate(`${configMap}---\nmetadata:\n  name: b\n`)).map((f) => f.code),
      ['KubeRequiredField'],
    );
  });

  it('reports kinds that only newer versions serve, and removed ones per version', async () => {
    const deviceClass = 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata:\n  name: gpu\nspec: {}\n';
    assert.deepEqual(
      (await validate(deviceClass, '1.33')).map((f) => f.code),
      ['KubeApiNotServed'],
    );
    assert.deepEqual(
      (await validate(deviceClass, '1.36')).map((f) => f.code),
      [],
    );
  });

  it('reads YAML 1.1 scalars as kubectl does', async () => {
    const findings = await validate('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  debug: yes\n  quoted: "yes"\n');
    assert.deepEqual(
      findings.map((f) => [f.code, f.range.start.line]),
      [['KubeInvalidType', 5]],
    );
    assert.match(String(findings[0].message), /YAML 1\.1/);
  });

  it('caches per document: an unchanged document keeps its findings object', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  n: 1\n';
    const first = await validate(`${doc}---\n${doc.replace('name: c', 'name: d')}`);
    const second = await validate(`${doc}---\n${doc.replace('name: c', 'name: e')}`);
    assert.equal(first.length, 2);
    assert.equal(second.length, 2);
    assert.equal(first[0], second[0], 'the first document was not validated again');
  });
});
