import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport as compose } from '../../../server/src/compose/index';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { yamlFoldingRanges } from '../../../server/src/yaml/folding';
import { parseYaml } from '../../../server/src/yaml/parse';
import { yamlSelectionRanges } from '../../../server/src/yaml/selection';
import { assertFoldsWellFormed, assertSelectionWellFormed, chain, folds } from '../core/structure';

const TEXT = [
  '# Web stack', //                        0
  '# local development only', //           1
  'name: shop', //                         2
  'services:', //                          3
  '  web:', //                             4
  '    image: nginx:1.27', //              5
  '    ports:', //                         6
  '      - "8080:80"', //                  7
  '    depends_on: [api,', //              8
  '      db]', //                          9
  '  api:', //                             10
  '    build:', //                         11
  '      context: ./api', //               12
  '    command: >', //                     13
  '      uvicorn main:app', //             14
  '      --host 0.0.0.0', //               15
  '    environment:', //                   16
  '      DB_URL: postgres://db/shop', //   17
  '  db:', //                              18
  '    image: postgres:16', //             19
  'volumes:', //                           20
  '  data: {}', //                         21
  '',
].join('\n');

const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() };
const fileOf = (text: string, path = '/w/compose.yaml') => sourceFile(TextDocument.create(pathToUri(path), 'dockercompose', 1, text), 'compose', '1.35');
const file = fileOf(TEXT);
const select = (line: number, character: number) => chain(compose.selectionRanges!(file, [{ line, character }], ctx)[0]);

describe('compose folding and selection ranges', () => {
  it('folds sections, services, multi-line keys, block scalars and comment runs', () => {
    assert.deepEqual(folds(compose.foldingRanges!(file, ctx, { lineFoldingOnly: true })), ['0-1 comment', '3-19', '4-9', '6-7', '8-9', '10-17', '11-12', '13-15', '16-17', '18-19', '20-21']);
    assert.deepEqual(folds(compose.foldingRanges!(file, ctx, { lineFoldingOnly: false })), ['0-1 comment', '3-19', '4-9', '6-7', '8-9@8', '10-17', '11-12', '13-15', '16-17', '18-19', '20-21']);
  });

  it('expands from a value to its service, services: and the file', () => {
    assert.deepEqual(select(17, 17), [
      '17:14-17:22',
      '17:14-17:32',
      '17:6-17:32', // word `postgres`, the URL, DB_URL: …
      '16:4-17:32',
      '11:4-17:32',
      '10:2-17:32', // environment:, api's mapping, api:
      '4:2-19:22',
      '3:0-19:22', // the services mapping, services:
      '2:0-21:10',
      '0:0-22:0', // root mapping, the file
    ]);
    // A list item: the quoted scalar, its `- ` item (the sequence is the same span), ports:, then web's mapping.
    assert.deepEqual(select(7, 10).slice(0, 5), ['7:9-7:13', '7:8-7:17', '7:6-7:17', '6:4-7:17', '5:4-9:9']);
    // A folded block scalar: word (`--host`), line, content, the scalar with its `>` header, command: …
    assert.deepEqual(select(15, 9).slice(0, 6), ['15:6-15:12', '15:6-15:20', '14:6-15:20', '13:13-15:20', '13:4-15:20', '11:4-17:32']);
  });

  it('gives the same ranges from the block-cached parse of a large file as from a full parse', () => {
    const services = Array.from({ length: 60 }, (_, k) =>
      [
        `  svc${k}:`,
        `    image: registry.example.com/team/svc${k}:1.${k}`,
        '    # comment one',
        '    # comment two',
        '    environment:',
        `      PORT: "${8000 + k}"`,
        '    command: |',
        `      serve --port ${8000 + k}`,
        '      # flag',
        '    ports: [',
        `      "${9000 + k}:${8000 + k}"`,
        '    ]',
      ].join('\n'),
    );
    const text = `services:\n${services.join('\n')}\nvolumes:\n  data: {}\n`;
    const big = fileOf(text, '/w/big/compose.yaml');
    const full = parseYaml(text).documents.map((doc) => ({ doc, base: 0, end: text.length }));
    const got = compose.foldingRanges!(big, ctx, { lineFoldingOnly: true });
    assert.deepEqual(got, yamlFoldingRanges(big, full, { lineFoldingOnly: true }));
    assert.ok(got.length > 300);
    assertFoldsWellFormed(got, big.document.lineCount, 'big compose');
    const positions = Array.from({ length: 400 }, (_, k) => big.document.positionAt(Math.floor((k * text.length) / 400)));
    const ranges = compose.selectionRanges!(big, positions, ctx);
    assert.deepEqual(ranges, yamlSelectionRanges(big, full, positions));
    ranges.forEach((r, k) => assertSelectionWellFormed(r, positions[k], 'big compose'));
  });
});
