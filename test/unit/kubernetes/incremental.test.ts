/**
 * An edit costs the document it touches: in a manifest with more documents than any cache bound, the
 * next version of an open file reuses every untouched document's tree and findings, and cross-file
 * findings still follow what the other documents declare.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../server/src/core/settings';
import { createRegistry } from '../../../server/src/languages';
import { ServerState } from '../../../server/src/lsp/state';
import { documentsOf } from '../../../server/src/kubernetes/model/documents';

const DOCS = 2000;

/** ConfigMaps, with a Service first and the Deployment it selects last. */
function manifest(appLabel = 'web'): string {
  const docs = ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n'];
  for (let i = 1; i < DOCS - 1; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  key: "value ${i}"\n`);
  docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${appLabel}\n  template:\n    metadata:\n      labels:\n        app: ${appLabel}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`);
  return docs.join('---\n');
}

function open() {
  const state = new ServerState();
  state.settings = normalizeSettings({ kubernetes: { version: '1.36' } });
  const registry = createRegistry();
  let document = TextDocument.create('file:///w/big.yaml', 'yaml', 1, manifest());
  const edit = (line: number, from: number, to: number, text: string) => {
    document = TextDocument.update(document, [{ range: { start: { line, character: from }, end: { line, character: to } }, text }], document.version + 1);
    return state.file(document)!;
  };
  return { state, registry, file: () => state.file(document)!, edit };
}

const lineOf = (text: string, needle: string, after = 0) => text.split('\n').findIndex((line, i) => i >= after && line === needle);

describe('kubernetes: incremental validation of an open file', () => {
  it(`reuses every untouched document of a ${DOCS}-document file and re-parses the edited one`, () => {
    const { file, edit } = open();
    const before = documentsOf(file());
    assert.equal(before.length, DOCS);
    const line = lineOf(file().text, '  key: "value 1000"');
    const after = documentsOf(edit(line, 9, 14, 'VALUE'));
    assert.equal(after.length, DOCS);
    const changed = after.filter((doc, i) => doc.yaml !== before[i].yaml).map((doc) => doc.name);
    assert.deepEqual(changed, ['cfg-1000']);
    // A line added above moves the documents below without parsing them again.
    const moved = documentsOf(edit(line, 0, 0, '  extra: "x"\n'));
    assert.deepEqual(moved.filter((doc, i) => doc.yaml !== after[i].yaml).map((doc) => doc.name), ['cfg-1000']);
    assert.equal(moved[DOCS - 1].startLine, after[DOCS - 1].startLine + 1);
  });

  it('keeps the findings of untouched documents and re-checks cross-file rules when a declaration changes', async () => {
    const { state, registry, file, edit } = open();
    const codes = async () => (await registry.validate(file(), state.contextFor(file().uri))).map((f) => `${f.code}@${f.range.start.line}`);
    assert.deepEqual(await codes(), []);
    const text = file().text;
    const deployment = lineOf(text, 'kind: Deployment');
    // The Deployment's pods no longer carry app=web: the Service in the first document now selects nothing
    // (and its template labels, the line above, no longer match the Deployment's own selector).
    const label = lineOf(text, '        app: web', deployment);
    const selector = lineOf(text, '      app: web', deployment);
    edit(label, 13, 16, 'api');
    assert.deepEqual(await codes(), ['KubeServiceNoMatch@5', `KubeSelectorMismatch@${label - 1}`]);
    // Its selector too, so the Deployment is valid again; the Service still selects nothing.
    edit(selector, 11, 14, 'api');
    assert.deepEqual(await codes(), ['KubeServiceNoMatch@5']);
    edit(lineOf(file().text, '        app: api', deployment), 13, 16, 'web');
    edit(lineOf(file().text, '      app: api', deployment), 11, 14, 'web');
    assert.deepEqual(await codes(), []);
    // An error in one document is reported at its place in the file, and goes when fixed.
    const replicas = lineOf(file().text, '  replicas: 1', deployment);
    edit(replicas, 12, 13, 'two');
    assert.deepEqual(await codes(), [`KubeInvalidType@${replicas}`]);
    edit(replicas, 12, 15, '1');
    assert.deepEqual(await codes(), []);
  });
});
