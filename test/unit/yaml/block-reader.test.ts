// The block reader must build exactly the tree the full `yaml` parser builds, or step aside.
// Checked on every document of ../shared/corpus and test/fixtures, on hand-written edge cases, and on
// seeded mutants of the corpus (comments, blank lines, scalar styles, indentation changes, truncation).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, type Document } from 'yaml';
import { plainValueOf, readBlockDocument } from '../../../server/src/yaml/block-reader';
import { YAML_OPTIONS } from '../../../server/src/yaml/options';
import { splitDocuments } from '../../../server/src/kubernetes/model/documents';
import { treeDifference } from '../../support/yaml-trees';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

function* yamlFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(file);
    else if (/\.ya?ml$/.test(entry.name)) yield file;
  }
}

interface Tally {
  read: number;
  declined: number;
  differences: string[];
}

/** Reads `text` both ways; a difference is recorded, a decline counted. */
function compare(text: string, label: string, tally: Tally): void {
  const actual = readBlockDocument(text);
  if (!actual) {
    tally.declined++;
    return;
  }
  tally.read++;
  const all = parseAllDocuments(text, YAML_OPTIONS);
  const expected = Array.isArray(all) && all.length === 1 ? all[0] : undefined;
  let difference = expected ? treeDifference(expected, actual) : `the full parser sees ${Array.isArray(all) ? all.length : 0} documents`;
  if (!difference && !isDeepStrictEqual(plainValueOf(actual.contents), expected!.toJS())) difference = 'plainValueOf differs from toJS';
  if (difference && tally.differences.length < 10) tally.differences.push(`${label}: ${difference}\n${text.length < 400 ? text : ''}`);
}

const documents: { label: string; text: string }[] = [];
for (const dir of [CORPUS, path.join(ROOT, 'test/fixtures')]) {
  if (!fs.existsSync(dir)) continue;
  for (const file of yamlFiles(dir)) {
    // A Helm chart's templates/ hold Go templates, which are YAML only once rendered.
    if (fs.existsSync(path.join(path.dirname(path.dirname(file)), 'Chart.yaml')) && path.basename(path.dirname(file)) === 'templates') continue;
    for (const span of splitDocuments(fs.readFileSync(file, 'utf8'))) documents.push({ label: `${path.relative(ROOT, file)}:${span.startLine + 1}`, text: span.text });
  }
}

test('equal to the full parser on every corpus and fixture document it reads, and it reads nearly all of them', (t) => {
  assert.ok(documents.length > 500, `only ${documents.length} documents found (is ../shared/corpus there?)`);
  const tally: Tally = { read: 0, declined: 0, differences: [] };
  for (const { label, text } of documents) compare(text, label, tally);
  t.diagnostic(`read ${tally.read}, declined ${tally.declined}`);
  assert.deepEqual(tally.differences, []);
  assert.ok(tally.read / documents.length > 0.95, `read ${tally.read} of ${documents.length}`);
});

const EDGE_CASES = [
  'a: 1\n',
  'a: 1',
  '---\na: 1\n',
  '--- # c\n\n# lead\na: 1\n',
  '  a: 1\n  b: 2\n',
  '- a\n- b: 1\n  c: 2\n- [x, y]\n',
  'a:\nb: 1\n',
  'a:   \nb:\n',
  'a:\n\n\n',
  'a:\n  b:\n',
  'k: v   # trailing\n',
  'k: "x\\ty\\u00e9\\x41\\"" \n',
  "k: 'it''s'\n",
  'a: 0x1F\nb: 1.50\nc: 0o17\nd: 017\ne: .inf\nf: ~\ng: 1e3\nh: -.5\ni: +12\nj: null\nk: True\nl: no\nm: -\n',
  'a: |\n  x\n   y\n\n  z\n\n\nb: 1\n',
  'a: |-\n  x\n',
  'a: >\n  x\n  y\n\n  z\n\n\nb: 1\n',
  'a: >-\n\n  x\n  y\n',
  'a: |\n  x',
  'a: | # c\n  x\n',
  'a: |\n  x\n  \n   \n  y\n',
  'a: >\n  x\n   \n  y\n',
  'a: {x: 1, y: "b", z: [1, 2, {q: r}]}\nb: []\nc: {}\nd: [ a , b ,]\ne: { x: 1 , y : 2 }\n',
  'a:\n  b: 1\n    # deeper\n\n    # deeper2\n  c: 2\n',
  'a:\n  b: 1\n  # same\n\n  # x\nc: 2\n',
  'a:\n  b:\n    c: 1\n  # x\n  d: 2\n',
  'k:\n- name: a\n# c\nv: []\n',
  'spec:\n  containers:\n  - name: a\n  # c\n  volumes: []\n',
  'a:\n  - x\n    # deep\n  - y\n# end\n',
  'a: 1\n# tail\n',
  'a:\n  b: 1\n  # tail\n',
  'a:\n  b: 1\n    # tail\n',
  'a:\n- b: 1\n  # tail\n\n',
  'a: b: c\n',
  'a: b:\n',
  'a:b\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '? a\n: b\n',
  'a: 1\na: 2\n',
  '1: a\n',
  '<<: {a: 1}\n',
  'a: "x\n  y"\n',
  'a: x\n  y\n',
  'a:\n  b: 1\n c: 2\n',
  'a: [1,\n  2]\n',
  'a: -1\nb: -x\nc: - y\n',
  'a: http://x:80/p?q=1&r=2#f\n',
  '"q k": 1\n\'s k\': 2\n',
  'a: x #c\nb: x#c\n',
  'a: {a}\n',
  'a: [a: b]\n',
  'a: "unterminated\n',
  'a: \'\'\nb: ""\n',
  'a: "\\q"\n',
  '- - a\n',
  '-\n  a: 1\n',
  '-\n',
];

test('hand-written edge cases: equal when read, declined otherwise', () => {
  const tally: Tally = { read: 0, declined: 0, differences: [] };
  for (const text of EDGE_CASES) compare(text, JSON.stringify(text), tally);
  assert.deepEqual(tally.differences, []);
  assert.ok(tally.read >= 30, `read only ${tally.read} of ${EDGE_CASES.length}`);
});

/** Small deterministic PRNG (mulberry32) so a failing mutant can be reproduced from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MUTANTS = Number(process.env.SHIPSHAPE_MUTANTS ?? 6000);
const VALUES = ['1', '"q"', "'s'", 'x y', '~', '', '[a, b]', '{k: v}', '|\n        body', '>-\n        folded\n        text', 'true', '0x1F', '1.0', 'a # c', '"esc\\n"', 'yes'];

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(rnd() * lines.length);
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const i = pick();
    if (lines[i] === undefined) continue;
    const indent = ' '.repeat(Math.floor(rnd() * 8));
    switch (Math.floor(rnd() * 8)) {
      case 0:
        lines.splice(i, 0, `${indent}# comment`);
        break;
      case 1:
        lines.splice(i, 0, rnd() < 0.5 ? '' : indent);
        break;
      case 2:
        lines[i] += ' # trailing';
        break;
      case 3: {
        const m = /^(\s*(?:- )?[\w./-]+:) .*$/.exec(lines[i]);
        if (m) lines[i] = `${m[1]} ${VALUES[Math.floor(rnd() * VALUES.length)]}`;
        break;
      }
      case 4:
        lines[i] = lines[i].replace(/^ {2}/, '');
        break;
      case 5:
        lines[i] = `  ${lines[i]}`;
        break;
      case 6:
        lines.length = Math.max(1, i);
        break;
      default:
        lines.splice(i, 1);
    }
  }
  return lines.join('\n');
}

test('seeded mutants of the corpus: equal when read, declined otherwise', (t) => {
  const tally: Tally = { read: 0, declined: 0, differences: [] };
  const rnd = random(Number(process.env.SHIPSHAPE_MUTANT_SEED ?? 20261122));
  const sources = documents.filter((d) => d.text.length < 20_000);
  for (let n = 0; n < MUTANTS; n++) {
    const source = sources[Math.floor(rnd() * sources.length)];
    compare(mutate(source.text, rnd), `mutant ${n} of ${source.label}`, tally);
  }
  t.diagnostic(`read ${tally.read}, declined ${tally.declined}`);
  assert.deepEqual(tally.differences, []);
  assert.ok(tally.read > MUTANTS / 3, `read only ${tally.read} of ${MUTANTS} mutants`);
});

test("the reader's nodes behave as the parser's: stringify, clone and edit them alike", () => {
  let checked = 0;
  for (const { label, text } of documents) {
    // Comments and blank lines are not kept by the reader, so they would print differently.
    if (text.includes('#') || /\n[ ]*\n/.test(text) || checked >= 100) continue;
    const actual = readBlockDocument(text);
    if (!actual) continue;
    const expected = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
    assert.equal(actual.toString(), expected[0].toString(), label);
    const copy = actual.clone();
    copy.setIn(['metadata', 'name'], 'renamed');
    expected[0].setIn(['metadata', 'name'], 'renamed');
    assert.equal(copy.toString(), expected[0].toString(), label);
    checked++;
  }
  assert.ok(checked >= 50, `only ${checked} documents checked`);
});
