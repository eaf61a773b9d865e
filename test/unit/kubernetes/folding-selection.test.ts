import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport as k8s } from '../../../server/src/kubernetes/index';
import { assertFoldsWellFormed, assertSelectionWellFormed, chain, folds } from '../core/structure';

const TEXT = [
  '# Demo app: a ConfigMap and a Deployment', // 0
  '# applied together', //                      1
  'apiVersion: v1', //                          2
  'kind: ConfigMap', //                         3
  'metadata:', //                               4
  '  name: app-config', //                      5
  '  labels: {app: demo,', //                   6
  '    tier: web}', //                          7
  'data:', //                                   8
  '  start.sh: |', //                           9
  '    #!/bin/sh', //                           10
  '    # not a YAML comment', //                11
  "    exec nginx -g 'daemon off;'", //         12
  '  mode: production', //                      13
  '---', //                                     14
  'apiVersion: apps/v1', //                     15
  'kind: Deployment', //                        16
  'metadata:', //                               17
  '  name: demo', //                            18
  'spec:', //                                   19
  '  # two replicas for', //                    20
  '  # availability', //                        21
  '  replicas: 2', //                           22
  '  template:', //                             23
  '    spec:', //                               24
  '      containers:', //                      25
  '        - name: web', //                     26
  '          image: nginx:1.27', //             27
  '          args: [', //                       28
  '            "--port", "8080"', //            29
  '          ]', //                             30
  '        - name: sidecar', //                 31
  '          image: busybox', //                32
  '',
].join('\n');

const file = sourceFile(TextDocument.create('file:///w/app.yaml', 'yaml', 1, TEXT), 'kubernetes', '1.35');
const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() };

const select = (line: number, character: number) => chain(k8s.selectionRanges!(file, [{ line, character }], ctx)[0]);

describe('kubernetes folding and selection ranges', () => {
  it('folds documents, keys and items spanning lines, block scalars, flow collections and comment runs', () => {
    // Line-only clients (VS Code): the `]` on a line of its own stays visible; `tier: web}` folds with its line.
    assert.deepEqual(folds(k8s.foldingRanges!(file, ctx, { lineFoldingOnly: true })), ['0-1 comment', '4-7', '6-7', '8-13', '9-12', '14-32', '17-18', '19-32', '20-21 comment', '23-32', '24-32', '25-32', '26-30', '28-29', '31-32']);
    // Clients that fold characters end flow collections just before their closing bracket.
    assert.deepEqual(folds(k8s.foldingRanges!(file, ctx, { lineFoldingOnly: false })), ['0-1 comment', '4-7', '6-7@13', '8-13', '9-12', '14-32', '17-18', '19-32', '20-21 comment', '23-32', '24-32', '25-32', '26-30', '28-30@10', '31-32']);
  });

  it('expands word → scalar → key: value → mapping → item → sequence → parent pair → … → document → file, in file coordinates', () => {
    // `nginx` of `image: nginx:1.27` in the second document.
    assert.deepEqual(select(27, 17), [
      '27:17-27:22',
      '27:17-27:27',
      '27:10-27:27', // word, scalar, image: nginx:1.27
      '26:10-30:11',
      '26:8-30:11',
      '26:8-32:24', // the container's mapping, its `- ` item, the containers sequence
      '25:6-32:24',
      '24:4-32:24',
      '23:2-32:24', // containers:, spec:, template:
      '22:2-32:24',
      '19:0-32:24',
      '15:0-32:24',
      '14:0-32:24',
      '0:0-33:0', // spec's mapping, spec:, root mapping, the `---` document, the file
    ]);
    // Inside a flow sequence: word, quoted scalar, the flow sequence, args: [...], then on out.
    assert.deepEqual(select(29, 15).slice(0, 5), ['29:13-29:19', '29:12-29:20', '28:16-30:11', '28:10-30:11', '26:10-30:11']);
    // A key: the key, its pair, the mapping, the parent pair, the first document (no `---`: its root mapping), the file.
    assert.deepEqual(select(5, 4), ['5:2-5:6', '5:2-5:18', '5:2-7:14', '4:0-7:14', '2:0-13:18', '0:0-33:0']);
  });

  it('expands inside a block scalar by word, line, content, then the scalar with its header', () => {
    assert.deepEqual(select(12, 9), ['12:9-12:14', '12:4-12:31', '10:4-12:31', '9:12-12:31', '9:2-12:31', '9:2-13:18', '8:0-13:18', '2:0-13:18', '0:0-33:0']);
  });

  it('expands a comment to the comment, then to what encloses it', () => {
    assert.deepEqual(select(21, 8), ['21:4-21:16', '21:2-21:16', '19:0-32:24', '15:0-32:24', '14:0-32:24', '0:0-33:0']);
  });

  it('answers each position of a request, every chain well-formed', () => {
    const lines = TEXT.split('\n');
    const positions = lines.flatMap((line, l) => Array.from({ length: line.length + 1 }, (_, c) => ({ line: l, character: c })));
    const ranges = k8s.selectionRanges!(file, positions, ctx);
    assert.equal(ranges.length, positions.length);
    ranges.forEach((r, k) => assertSelectionWellFormed(r, positions[k], 'app.yaml'));
    assertFoldsWellFormed(k8s.foldingRanges!(file, ctx, { lineFoldingOnly: true }), lines.length, 'app.yaml');
  });

  it('copes with empty documents, a leading `---`, a lone `...` and text that is not YAML', () => {
    for (const text of ['', '---\n', '---\n---\nkind: A\n...\n', 'a: [1,\n', '- - x\n  - y\n- {a: b\n', ': x\n  y: {\n']) {
      const f = sourceFile(TextDocument.create('file:///w/odd.yaml', 'yaml', 1, text), 'kubernetes', '1.35');
      const count = f.document.lineCount;
      assertFoldsWellFormed(k8s.foldingRanges!(f, ctx, { lineFoldingOnly: true }), count, JSON.stringify(text));
      const positions = Array.from({ length: text.length + 1 }, (_, k) => f.document.positionAt(k));
      k8s.selectionRanges!(f, positions, ctx).forEach((r, k) => assertSelectionWellFormed(r, positions[k], JSON.stringify(text)));
    }
  });
});
