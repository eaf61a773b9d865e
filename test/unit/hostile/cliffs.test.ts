/**
 * Item 9: the size and depth cliffs, each fixed at its cause, and the linear replacements proven equal to
 * what they replace (the yaml package's duplicate-key check, Alias.resolve).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withinHangBound } from '../../support/hang-bound';
import { isAlias, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../../../server/src/compose/index';
import type { Finding } from '../../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { YAML_OPTIONS } from '../../../server/src/yaml/options';
import { aliasTargets } from '../../../server/src/yaml/aliases';
import { nestingBeyond } from '../../../server/src/yaml/depth';
import { parseYaml } from '../../../server/src/yaml/parse';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const compose = (text: string) => composeSupport.validate(sourceFile(TextDocument.create('file:///w/compose.yaml', 'dockercompose', 1, text), 'compose', '1.36'), { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() }) as Finding[];

const SAMPLES = [
  'a: 1\na: 2\n',
  'a: 1\nb: {c: 1, c: 2}\n',
  '- {x: 1, x: 1}\n- [ {y: 1}, {y: 2, y: 3} ]\n',
  '1: a\n"1": b\n1: c\n',
  '~: a\nnull: b\n',
  'x: &a {k: 1}\ny:\n  <<: *a\n  <<: *a\n',
  '? [a]\n: 1\n? [a]\n: 2\n',
  'a:\n  b: 1\n  b: 2\nc:\n  b: 3\n',
  'true: 1\nTrue: 2\n',
];

test("duplicate keys: the one-pass check reports what the yaml package's uniqueKeys reports", () => {
  for (const text of SAMPLES) {
    const theirs = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
    const ours = parseYaml(text).documents;
    const summary = (docs: Document.Parsed[]) => docs.map((doc) => doc.errors.map((e) => `${e.code}@${e.pos[0]}`).join(' '));
    assert.deepEqual(summary(ours), summary(theirs), text);
  }
});

test('duplicate keys in a 20k-key map are found in linear time', () => {
  const text =
    range(20_000)
      .map((i) => `k${i}: 1\n`)
      .join('') + 'k7: 2\n';
  const [doc] = withinHangBound('parseYaml', () => parseYaml(text).documents);
  assert.deepEqual(
    doc.errors.map((e) => e.code),
    ['DUPLICATE_KEY'],
  );
});

test('alias targets: one pass gives what Alias.resolve gives', () => {
  const text = 'a: &x 1\nb: *x\nc: &x [*x, &y {k: *x}]\nd: *x\ne: *y\nf: {<<: *y}\ng: &x 2\nh: *x\n';
  const [doc] = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  const targets = aliasTargets(doc);
  let aliases = 0;
  visit(doc, {
    Alias: (_key, alias) => {
      aliases++;
      assert.equal(targets.get(alias), (alias as unknown as { resolve(d: Document.Parsed): Node | undefined }).resolve(doc), alias.source);
    },
  });
  assert.equal(aliases, 7);
  assert.ok([...targets.keys()].every((alias) => isAlias(alias)));
});

test('Compose: an alias bomb and a 2,000-link merge chain stop at the expansion limit with one finding', () => {
  const bomb =
    'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
    range(8)
      .map(
        (i) =>
          `x-${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      )
      .join('\n') +
    '\nservices:\n  web:\n    image: nginx\n    command: *i\n';
  assert.deepEqual(
    withinHangBound('bomb', () => compose(bomb)).map((f) => f.code),
    ['YamlAliasLimit'],
  );
  const chain =
    'x-a0: &a0 {k0: 1}\n' +
    range(2000)
      .map((i) => `x-a${i + 1}: &a${i + 1} {<<: *a${i}, k${i + 1}: 1}`)
      .join('\n') +
    '\nservices:\n  web:\n    image: nginx\n';
  assert.deepEqual(
    withinHangBound('chain', () => compose(chain)).map((f) => f.code),
    ['YamlAliasLimit'],
  );
  // Ordinary anchors and merges are untouched.
  assert.deepEqual(compose('x-base: &base {image: nginx}\nservices:\n  web:\n    <<: *base\n  api:\n    <<: *base\n'), []);
});

test('nesting: past 500 levels one clear finding before any recursive parser; brackets in strings, comments and block scalars do not count', () => {
  assert.equal(nestingBeyond(`a: ${'['.repeat(400)}${']'.repeat(400)}\n`), undefined);
  assert.equal(nestingBeyond(`a: "${'['.repeat(1000)}"\nb: '${'{'.repeat(1000)}'\n# ${'['.repeat(1000)}\nc: |\n  ${'['.repeat(1000)}\n`), undefined);
  assert.equal(nestingBeyond(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), 502);
  assert.ok(nestingBeyond(`${'- '.repeat(1000)}x\n`) !== undefined);
  assert.ok(
    nestingBeyond(
      range(600)
        .map((i) => `${' '.repeat(i)}k:`)
        .join('\n'),
    ) !== undefined,
  );
  const findings = withinHangBound('deep compose', () => compose(`services:\n  web:\n    labels: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`));
  assert.deepEqual(
    findings.map((f) => `${f.range.start.line} ${f.code} ${String(f.message).slice(0, 32)}`),
    ['2 YamlSyntax YAML nested more than 500 levels'],
  );
});

test('the full YAML parser is bounded at 1 MB with one clear finding', () => {
  const text = `services: {${range(100_000)
    .map((i) => `s${i}: {image: x}`)
    .join(', ')}}\n`;
  const findings = withinHangBound('2 MB flow mapping', () => compose(text));
  assert.deepEqual(
    findings.map((f) => f.code),
    ['YamlSyntax'],
  );
  assert.match(String(findings[0].message), /is 1\.9 MB and needs the full parser .* up to 1 MB: it was not checked/);
});

test('Dockerfile: selection ranges on a RUN with 100k continuations, and the library helpers past 20k lines', () => {
  const text = `FROM alpine\nRUN ${range(100_000)
    .map((i) => `echo "${i}"`)
    .join(' \\\n  && ')}\n`;
  const file = sourceFile(TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, text), 'dockerfile', '1.36');
  const ctx = { settings: { ...DEFAULT_SETTINGS, dockerfile: { shellcheck: false } }, workspace: new FileWorkspace() };
  const position = { line: 50_000, character: 8 };
  const [chain] = withinHangBound('selectionRanges', () => dockerfileSupport.selectionRanges!(file, [position], ctx));
  // Innermost: the word; then the token, one command of the shell line, the arguments, the instruction, the stage, the file.
  const lines: number[] = [];
  for (let r: typeof chain | undefined = chain; r; r = r.parent) lines.push(r.range.start.line);
  assert.equal(lines[0], 50_000);
  assert.equal(lines[lines.length - 1], 0);
  assert.equal(
    withinHangBound('hover', () => dockerfileSupport.hover!(file, position, ctx)),
    null,
  );
  assert.deepEqual(
    withinHangBound('format', () => dockerfileSupport.format!(file, { tabSize: 2, insertSpaces: true }, ctx)),
    [],
  );
  const heredoc = sourceFile(TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, 'FROM alpine\nRUN <<EOF\n' + 'echo x\n'.repeat(100_000)), 'dockerfile', '1.36');
  assert.deepEqual(
    withinHangBound('format heredoc', () => dockerfileSupport.format!(heredoc, { tabSize: 2, insertSpaces: true }, ctx)),
    [],
  );
});
