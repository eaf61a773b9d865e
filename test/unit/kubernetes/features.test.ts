import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile, type SourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { forYaml } from '../../../server/src/kubernetes/features/description';
import { kubernetesSupport as k8s } from '../../../server/src/kubernetes/index';
import { bundledVersions, schemasFor } from '../../../server/src/kubernetes/schema/store';

function fileOf(text: string, path = '/w/app.yaml', version = '1.36'): { file: SourceFile; at: (marker: string) => { line: number; character: number } } {
  const clean = text.replace('|', '');
  const file = sourceFile(TextDocument.create(`file://${path}`, 'yaml', 1, clean), 'kubernetes', version);
  const offset = text.indexOf('|');
  return { file, at: () => file.document.positionAt(offset) };
}

function context(...files: SourceFile[]) {
  const workspace = new FileWorkspace();
  for (const f of files) workspace.setOpen(f);
  return { settings: DEFAULT_SETTINGS, workspace };
}

const labels = (items: unknown) => (items as CompletionItem[]).map((i) => i.label);

describe('kubernetes editing features', () => {
  it('completes container fields, enum values, kinds and workspace names', () => {
    const fields = fileOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ima|');
    const got = labels(k8s.completion!(fields.file, fields.at('|'), context(fields.file)));
    assert.ok(got.includes('image') && got.includes('imagePullPolicy') && !got.includes('name'), got.join(','));

    const enums = fileOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    imagePullPolicy: |');
    assert.deepEqual(labels(k8s.completion!(enums.file, enums.at('|'), context(enums.file))), ['Always', 'IfNotPresent', 'Never']);

    const kinds = fileOf('apiVersion: apps/v1\nkind: |');
    const kindLabels = labels(k8s.completion!(kinds.file, kinds.at('|'), context(kinds.file)));
    assert.ok(kindLabels.includes('Deployment') && !kindLabels.includes('Pod'));

    const config = fileOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n', '/w/cm.yaml');
    const ref = fileOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    envFrom:\n    - configMapRef:\n        name: |');
    assert.deepEqual(labels(k8s.completion!(ref.file, ref.at('|'), context(ref.file, config.file))), ['settings']);
  });

  it('sorts kinds a default API server does not serve after the served ones, and says so', () => {
    const kinds = fileOf('apiVersion: storage.k8s.io/v1beta1\nkind: |');
    const items = k8s.completion!(kinds.file, kinds.at('|'), context(kinds.file)) as CompletionItem[];
    const vac = items.find((i) => i.label === 'VolumeAttributesClass');
    assert.ok(vac, labels(items).join(','));
    assert.match(String(vac.detail), /not served unless enabled/);
    assert.ok(String(vac.sortText).startsWith('1'), vac.sortText);
    const served = fileOf('apiVersion: storage.k8s.io/v1\nkind: |');
    const sc = (k8s.completion!(served.file, served.at('|'), context(served.file)) as CompletionItem[]).find((i) => i.label === 'StorageClass');
    assert.equal(sc?.detail, 'storage.k8s.io/v1');
    assert.ok(String(sc?.sortText).startsWith('0'));
  });

  it('hovers field docs and types', () => {
    const doc = fileOf('apiVersion: apps/v1\nkind: Deployment\nspec:\n  rep|licas: 2\n');
    const result = k8s.hover!(doc.file, doc.at('|'), context(doc.file)) as Hover;
    const value = (result.contents as MarkupContent).value;
    assert.match(value, /\*\*replicas\*\*: `integer \(int32\)`/);
    assert.match(value, /desired pods/i);
    // The Go type's note (a *int32, so nil and 0 differ) is not for YAML authors; the default stays.
    assert.doesNotMatch(value, /pointer/);
    assert.match(value, /Number of desired pods\. Defaults to 1\./);
  });

  it('drops the Go pointer sentences from every bundled description, in hovers and completion docs', () => {
    let dropped = 0;
    for (const version of bundledVersions()) {
      for (const node of schemasFor(version).allDefinitions().values()) {
        for (const d of [node.d, ...Object.values(node.p ?? {}).map((p) => p.d)]) {
          if (!d) continue;
          const shown = forYaml(d);
          assert.doesNotMatch(shown, /is a pointer/, d);
          if (shown !== d) dropped++;
          assert.ok(shown.length > 0 || d.length === 0);
        }
      }
    }
    assert.ok(dropped >= 16, `descriptions changed: ${dropped}`);
    const doc = fileOf('apiVersion: apps/v1\nkind: Deployment\nspec:\n  revisionHistory|\n');
    const item = (k8s.completion!(doc.file, doc.at('|'), context(doc.file)) as CompletionItem[]).find((i) => i.label === 'revisionHistoryLimit');
    const docs = (item?.documentation as MarkupContent | undefined)?.value ?? '';
    assert.match(docs, /^The number of old ReplicaSets to retain to allow rollback\. Defaults to 10\.$/);
  });

  it('lists one symbol per document', () => {
    const doc = fileOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n');
    assert.deepEqual(
      k8s.documentSymbols!(doc.file, context(doc.file)).map((s) => s.name),
      ['Service web', 'ConfigMap cfg'],
    );
  });

  it('fixes enum casing, misspelt fields and removed APIs', async () => {
    const doc = fileOf('apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: 80\n');
    const findings = await k8s.validate(doc.file, context(doc.file));
    const removed = findings.find((f) => f.code === 'KubeRemovedApi');
    assert.ok(removed);
    const [action] = k8s.codeActions!(doc.file, removed.range, [removed], context(doc.file));
    const edits = action.edit!.changes![doc.file.uri];
    const fixed = TextDocument.applyEdits(doc.file.document, edits);
    const again = fileOf(fixed);
    const after = (await k8s.validate(again.file, context(again.file))).filter((f) => f.severity === 1);
    assert.deepEqual(
      after.map((f) => `${f.code} ${f.message}`),
      [],
      fixed,
    );

    const typo = fileOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: always\n  containers:\n  - name: c\n    image: x\n    imagePulPolicy: Always\n');
    const problems = await k8s.validate(typo.file, context(typo.file));
    const actions = k8s.codeActions!(typo.file, problems[0].range, problems, context(typo.file));
    assert.deepEqual(actions.map((a) => a.title).sort(), ["Change to 'Always'", "Rename to 'imagePullPolicy'"]);
  });

  it('goes from a configMapRef to its ConfigMap and back', () => {
    const config = fileOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: set|tings\n', '/w/cm.yaml');
    const pod = fileOf('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    envFrom:\n    - configMapRef:\n        name: sett|ings\n', '/w/pod.yaml');
    const ctx = context(pod.file, config.file);
    const defs = k8s.definition!(pod.file, pod.at('|'), ctx)!;
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, config.file.uri);
    assert.equal(defs[0].range.start.line, 3);
    const refs = k8s.references!(config.file, config.at('|'), ctx)!;
    assert.deepEqual(
      refs.map((r) => [r.uri, r.range.start.line]),
      [[pod.file.uri, 7]],
    );
  });

  it('validates against the targeted version: batch/v1beta1 CronJob removed in 1.25', async () => {
    const text = 'apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 2\n  scaleTargetRef: {kind: Deployment, name: web}\n';
    const doc = fileOf(text, '/w/h.yaml', '1.33');
    assert.deepEqual(
      (await k8s.validate(doc.file, context(doc.file))).map((f) => f.code),
      ['KubeRemovedApi'],
    );
  });
});

describe('kubernetes formatting', () => {
  it('re-indents every document and keeps comments', () => {
    const doc = fileOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: a # the name\ndata:\n    k: v\n---\napiVersion: v1\nkind: Service\nmetadata:\n      name: s\n');
    const edits = k8s.format!(doc.file, { tabSize: 2, insertSpaces: true }, context(doc.file));
    const out = TextDocument.applyEdits(doc.file.document, edits);
    assert.equal(out, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a # the name\ndata:\n  k: v\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
  });
});

describe('service selector navigation', () => {
  it('goes from a Service selector to the Deployment it selects', () => {
    const deployment = fileOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: x}]\n',
      '/w/d.yaml',
    );
    const service = fileOf('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: w|eb\n  ports: [{port: 80}]\n', '/w/s.yaml');
    const defs = k8s.definition!(service.file, service.at('|'), context(service.file, deployment.file))!;
    assert.deepEqual(
      defs.map((d) => [d.uri, d.range.start.line]),
      [[deployment.file.uri, 3]],
    );
  });
});

describe('removed API rewrites', () => {
  it('rewrites an autoscaling/v2beta1 HPA to v2 with its metric targets', async () => {
    const doc = fileOf(
      'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 60\n',
    );
    const removed = (await k8s.validate(doc.file, context(doc.file))).find((f) => f.code === 'KubeRemovedApi')!;
    const [action] = k8s.codeActions!(doc.file, removed.range, [removed], context(doc.file));
    const fixed = fileOf(TextDocument.applyEdits(doc.file.document, action.edit!.changes![doc.file.uri]));
    assert.deepEqual(
      (await k8s.validate(fixed.file, context(fixed.file))).map((f) => f.code),
      [],
      fixed.file.text,
    );
    assert.match(fixed.file.text, /target:\n\s+type: Utilization\n\s+averageUtilization: 60/);
  });

  it('rewrites an extensions/v1beta1 Deployment to apps/v1 with a selector from the template labels', async () => {
    const doc = fileOf('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
    const removed = (await k8s.validate(doc.file, context(doc.file))).find((f) => f.code === 'KubeRemovedApi')!;
    const [action] = k8s.codeActions!(doc.file, removed.range, [removed], context(doc.file));
    const fixed = fileOf(TextDocument.applyEdits(doc.file.document, action.edit!.changes![doc.file.uri]));
    assert.deepEqual(
      (await k8s.validate(fixed.file, context(fixed.file))).map((f) => f.code),
      [],
      fixed.file.text,
    );
  });
});

describe('add-missing-field quick fixes', () => {
  it('adds restartPolicy to a Job template and pathType to an Ingress path', async () => {
    for (const text of [
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: busybox\n',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
    ]) {
      const doc = fileOf(text);
      const findings = await k8s.validate(doc.file, context(doc.file));
      assert.equal(findings.length, 1, JSON.stringify(findings));
      const [action] = k8s.codeActions!(doc.file, findings[0].range, findings, context(doc.file));
      const fixed = fileOf(TextDocument.applyEdits(doc.file.document, action.edit!.changes![doc.file.uri]));
      assert.deepEqual(
        (await k8s.validate(fixed.file, context(fixed.file))).map((f) => f.message),
        [],
        fixed.file.text,
      );
    }
  });
});

describe('hover since', () => {
  it('says from which bundled version a field exists', () => {
    const doc = fileOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostname|Override: x\n  containers: []\n');
    const value = ((k8s.hover!(doc.file, doc.at('|'), context(doc.file)) as Hover).contents as MarkupContent).value;
    assert.match(value, /Since Kubernetes 1\.3[4-6]/);
    const old = fileOf('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  host|name: x\n');
    assert.doesNotMatch(((k8s.hover!(old.file, old.at('|'), context(old.file)) as Hover).contents as MarkupContent).value, /Since/);
  });
});
