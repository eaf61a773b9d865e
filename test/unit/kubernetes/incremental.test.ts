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
import { documentsOf, splitDocuments, type ManifestDocument } from '../../../server/src/kubernetes/model/documents';

const DOCS = 2000;

/** ConfigMaps, with a Service first and the Deployment it selects last. */
function manifest(appLabel = 'web'): string {
  const docs = ['apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n'];
  for (let i = 1; i < DOCS - 1; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  key: "value ${i}"\n`);
  docs.push(
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: ${appLabel}\n  template:\n    metadata:\n      labels:\n        app: ${appLabel}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n`,
  );
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
    assert.deepEqual(
      moved.filter((doc, i) => doc.yaml !== after[i].yaml).map((doc) => doc.name),
      ['cfg-1000'],
    );
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

  /** An open file whose edits go through the server's own didChange path (ServerState.update), as the editor's do. */
  function synced(text: string) {
    const state = new ServerState();
    let document = TextDocument.create('file:///w/synced.yaml', 'yaml', 1, text);
    const change = (...changes: { line: number; from: number; toLine?: number; to: number; text: string }[]) => {
      document = state.update(
        document,
        changes.map((c) => ({ range: { start: { line: c.line, character: c.from }, end: { line: c.toLine ?? c.line, character: c.to } }, text: c.text })),
        document.version + 1,
      );
      return state.file(document)!;
    };
    return {
      state,
      file: () => state.file(document)!,
      change,
      replace: (whole: string) => {
        document = state.update(document, [{ text: whole }], document.version + 1);
        return state.file(document)!;
      },
    };
  }

  const placeOf = (docs: ManifestDocument[]) => docs.map((doc) => `${doc.startLine}:${doc.startOffset}:${doc.text}`);

  it("maps an edit's range to the documents it touches: the rest keep their trees, unread", () => {
    const { file, change } = synced(manifest());
    const before = documentsOf(file());
    const line = lineOf(file().text, '  key: "value 1000"');
    const after = documentsOf(change({ line, from: 8, to: 13, text: 'VALUE' }));
    assert.deepEqual(
      after.filter((doc, i) => doc !== before[i]).map((doc) => doc.name),
      ['cfg-1000'],
    );
    assert.equal(after[1000].value?.data && (after[1000].value.data as Record<string, string>).key, 'VALUE 1000');
    // The span the editor reported is trusted: a document outside it is neither split nor compared again, so
    // a text that differs there (which no editor sends with this range) keeps the old tree. That is what
    // makes an edit cost its document rather than the file.
    const text = file().text;
    const at = text.indexOf('value 1500');
    const edited = text.indexOf('value 1000');
    const forged = { text: text.slice(0, at) + 'VALUE 1500' + text.slice(at + 10), lineage: file().lineage, change: { previous: text, start: edited, end: edited + 1, newEnd: edited + 1 } };
    const trusted = documentsOf(forged);
    assert.equal(trusted[1500], after[1500]);
    assert.equal(trusted[1000].text, after[1000].text);
  });

  it('joins, splits and moves documents as a full split would, across edits at their seams', () => {
    const small = Array.from({ length: 12 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: "${i}"\n`).join('---\n');
    const { file, change, replace } = synced(small);
    let docs = documentsOf(file());
    const check = () => {
      const next = documentsOf(file());
      assert.deepEqual(placeOf(next), placeOf(splitDocuments(file().text).map((span) => ({ ...span }) as ManifestDocument)));
      // Every document whose text is unchanged keeps its tree.
      const trees = new Map(docs.map((doc) => [doc.text, doc.yaml]));
      for (const doc of next) if (trees.has(doc.text)) assert.equal(doc.yaml, trees.get(doc.text));
      docs = next;
    };
    /** The line of the n-th `---`. */
    const sep = (n: number) =>
      file()
        .text.split('\n')
        .map((l, i) => (l === '---' ? i : -1))
        .filter((i) => i >= 0)[n];
    // Delete a separator line: two documents become one.
    change({ line: sep(3), from: 0, toLine: sep(3) + 1, to: 0, text: '' });
    check();
    // Type in front of a separator: it is no separator any more.
    change({ line: sep(5), from: 0, to: 0, text: 'x' });
    check();
    change({ line: lineOf(file().text, 'x---'), from: 0, to: 1, text: '' });
    check();
    // Insert a separator inside a document: it splits.
    change({ line: lineOf(file().text, '  name: c8'), from: 0, to: 0, text: '---\n' });
    check();
    // Delete the newline before a separator (the end of one document joins the separator line).
    const s2 = sep(2);
    change({ line: s2 - 1, from: file().text.split('\n')[s2 - 1].length, toLine: s2, to: 0, text: '' });
    check();
    // Lines added and removed above move every document below; several changes in one notification.
    change({ line: 1, from: 0, to: 0, text: '# a\n# b\n' }, { line: lineOf(file().text, '  name: c10') + 2, from: 0, to: 0, text: '# c\n' });
    check();
    change({ line: 0, from: 0, toLine: 3, to: 0, text: '' });
    check();
    // The first and the last character of the file.
    change({ line: 0, from: 0, to: 0, text: '---\n' });
    check();
    const lines = file().text.split('\n');
    change({ line: lines.length - 1, from: 0, to: 0, text: '---\nkind: Tail\n' });
    check();
    // A full-text change (no range): everything is split again, unchanged documents still reused.
    replace(file().text.replace('  name: c0', '  name: zero'));
    check();
    assert.ok(docs.some((doc) => doc.name === 'zero'));
  });
});
