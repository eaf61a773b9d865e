import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { goRegexpProblem } from '../../../server/src/kubernetes/crd/go-regexp';
import { kubernetesSupport as k8s } from '../../../server/src/kubernetes/index';

const fileOf = (text: string, path = '/w/app.yaml') => sourceFile(TextDocument.create(`file://${path}`, 'yaml', 1, text), 'kubernetes', '1.36');
const context = (...files: ReturnType<typeof fileOf>[]) => {
  const workspace = new FileWorkspace();
  for (const f of files) workspace.setOpen(f);
  return { settings: DEFAULT_SETTINGS, workspace };
};

/** Applies the one quick fix of the first finding with `code` and returns the fixed text. */
async function fix(text: string, code: string): Promise<string> {
  const file = fileOf(text);
  const finding = (await k8s.validate(file, context(file))).find((f) => f.code === code);
  assert.ok(finding, `no ${code} in ${text}`);
  const [action] = k8s.codeActions!(file, finding.range, [finding], context(file));
  return TextDocument.applyEdits(file.document, action.edit!.changes![file.uri]);
}

describe('kinds of built-in groups', () => {
  it('corrects the case of a kind, a misspelt kind, and a kind in the wrong group', async () => {
    assert.equal(await fix('apiVersion: v1\nkind: configmap\nmetadata:\n  name: c\n', 'KubeNoSuchKind'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
    assert.equal(await fix('apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: d\n', 'KubeNoSuchKind'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n');
    assert.match(await fix('apiVersion: apps/v1\nkind: Job\nmetadata:\n  name: j\n', 'KubeNoSuchKind'), /^apiVersion: batch\/v1\n/);
  });

  it('keeps an unknown kind of a group that is not built in a warning', async () => {
    const file = fileOf('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    const findings = await k8s.validate(file, context(file));
    assert.deepEqual(
      findings.map((f) => `${f.code}/${f.severity}`),
      ['KubeUnknownKind/2'],
    );
  });
});

describe('a v1 List', () => {
  it('validates each item at its own lines and says nothing about the List itself', async () => {
    const file = fileOf(
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ok\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    containers:\n    - name: c\n      image: nginx\n      imagePullPolicy: Sometimes\n',
    );
    const findings = await k8s.validate(file, context(file));
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line} ${f.code}`),
      ['15 KubeInvalidValue'],
    );
  });
});

describe('a CustomResourceDefinition kube-apiserver rejects', () => {
  const crd =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gizmos.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n    plural: gizmos\n    singular: gizmo\n    kind: Gizmo\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              size:\n                type: strign\n';
  const resource = 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\nspec:\n  size: 3\n';

  it('is an error on the CRD, and its custom resources are not validated against it', async () => {
    const definition = fileOf(crd, '/w/crd.yaml');
    const custom = fileOf(resource, '/w/gizmo.yaml');
    const ctx = context(definition, custom);
    const onCrd = await k8s.validate(definition, ctx);
    assert.deepEqual(
      onCrd.map((f) => `${f.range.start.line} ${f.code}`),
      ['23 KubeInvalidCrd'],
    );
    const onResource = await k8s.validate(custom, ctx);
    assert.deepEqual(
      onResource.map((f) => `${f.code}/${f.severity}`),
      ['KubeUnknownKind/2'],
    );
    assert.match(String(onResource[0].message), /CustomResourceDefinition \(crd\.yaml:1\) has errors/);
  });

  it('once fixed, validates its custom resources again', async () => {
    const definition = fileOf(crd.replace('strign', 'string'), '/w/crd.yaml');
    const custom = fileOf(resource, '/w/gizmo.yaml');
    const ctx = context(definition, custom);
    assert.deepEqual(await k8s.validate(definition, ctx), []);
    const onResource = await k8s.validate(custom, ctx);
    assert.deepEqual(
      onResource.filter((f) => f.severity === DiagnosticSeverity.Error).map((f) => f.code),
      ['KubeInvalidType'],
    );
  });
});

describe('CRD patterns as Go compiles them', () => {
  it('refuses what RE2 lacks or cannot parse, accepts Go-only syntax', () => {
    for (const bad of ['^(?=a)a$', '(?<!x)y', '(a)\\1', '([', 'a**', '[z-a]']) assert.ok(goRegexpProblem(bad), bad);
    for (const ok of ['(?i)^[a-z]+$', '^\\pL+$', '^\\p{Greek}$', '(?P<x>a)', '\\Aabc\\z', '^[[:alpha:]]+$', '\\(?=', '^\\\\1$', '\\Q(?=\\E']) assert.equal(goRegexpProblem(ok), undefined, ok);
  });
});

describe('CRD versions', () => {
  it('needs exactly one storage version, also when the list is empty', async () => {
    const file = fileOf(
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gizmos.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n    plural: gizmos\n    singular: gizmo\n    kind: Gizmo\n  versions: []\n',
    );
    const findings = await k8s.validate(file, context(file));
    assert.deepEqual(
      findings.map((f) => `${f.range.start.line} ${f.code}`),
      ['11 KubeInvalidCrd'],
    );
    assert.match(String(findings[0].message), /exactly one version marked as storage version/);
  });
});
