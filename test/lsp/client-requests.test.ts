// The requests the VS Code client makes instead of importing server code (protocol/): which documents of a
// text are Kubernetes objects and where their fields are (the dry run), which group-versions the bundled
// schemas cover (which /openapi/v3 documents to fetch), and a text's kind (Compose-named manifests).
// Through the built server over stdio, answered by the same code the extension's server runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BUNDLED_GROUP_VERSIONS_REQUEST,
  DETECT_KIND_REQUEST,
  KUBERNETES_FIELD_RANGES_REQUEST,
  KUBERNETES_OBJECTS_REQUEST,
  type BundledGroupVersionsResult,
  type DetectKindResult,
  type KubernetesFieldRangesResult,
  type KubernetesObjectDocument,
} from '../../protocol';
import { LspClient } from '../support/lsp-client';

let client: LspClient;
before(async () => {
  ({ client } = await LspClient.start());
});
after(() => client.stop());

const TEXT = [
  '# a comment before the first document',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: one',
  '  namespace: team',
  'data:',
  '  a: b',
  '---',
  'just: yaml',
  '--- # the third',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: two',
  'spec:',
  '  replicas: 1',
  '',
].join('\n');

test('objects: the documents with apiVersion and kind, their range and the text kubectl would send', async () => {
  const objects = await client.request<KubernetesObjectDocument[]>(KUBERNETES_OBJECTS_REQUEST, { text: TEXT });
  assert.deepEqual(
    objects.map((o) => [o.document, o.apiVersion, o.kind, o.name, o.namespace, o.range.start.line, o.range.end.line]),
    [
      [0, 'v1', 'ConfigMap', 'one', 'team', 0, 8],
      [2, 'apps/v1', 'Deployment', 'two', undefined, 10, 17],
    ],
  );
  assert.ok(objects[1].text.startsWith('apiVersion: apps/v1\n'), objects[1].text);
  assert.deepEqual(await client.request(KUBERNETES_OBJECTS_REQUEST, { text: 'not: kubernetes\n' }), []);
});

test("fieldRanges: a field's key or value in the text, its nearest parent when absent, null for no such document", async () => {
  const ranges = await client.request<KubernetesFieldRangesResult>(KUBERNETES_FIELD_RANGES_REQUEST, {
    text: TEXT,
    fields: [
      { document: 2, path: ['spec', 'replicas'] },
      { document: 2, path: ['spec', 'replicas'], part: 'key' },
      { document: 0, path: ['data', 'missing'], part: 'key' },
      { document: 7, path: ['kind'] },
    ],
  });
  assert.deepEqual(
    ranges.map((r) => r && [r.start.line, r.start.character, r.end.character]),
    [[16, 12, 13], [16, 2, 10], [6, 0, 4], null],
  );
});

test('bundledGroupVersions: what the bundled schemas cover for a cluster version (the nearest bundled one when not bundled)', async () => {
  const { groupVersions } = await client.request<BundledGroupVersionsResult>(BUNDLED_GROUP_VERSIONS_REQUEST, { serverVersion: 'v1.36.3' });
  for (const gv of ['v1', 'apps/v1', 'apiextensions.k8s.io/v1']) assert.ok(groupVersions.includes(gv), gv);
  assert.ok(!groupVersions.some((gv) => gv.endsWith('.example.com/v1')));
  const future = await client.request<BundledGroupVersionsResult>(BUNDLED_GROUP_VERSIONS_REQUEST, { serverVersion: 'v1.99.0' });
  assert.ok(future.groupVersions.includes('apps/v1'));
});

test('detectKind: a Compose-named file holding a manifest is Kubernetes; a Compose file is Compose', async () => {
  const kind = (uri: string, text: string) => client.request<DetectKindResult>(DETECT_KIND_REQUEST, { uri, text }).then((r) => r.kind);
  assert.equal(await kind('file:///w/compose.web.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'), 'kubernetes');
  assert.equal(await kind('file:///w/compose.yaml', 'services:\n  web:\n    image: nginx\n'), 'compose');
  assert.equal(await kind('file:///w/notes.txt', 'hello'), null);
});
