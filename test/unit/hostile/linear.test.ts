/**
 * Item 7: work on document text is linear. Each construct measured super-linear in issue 13 is given at about
 * 1 MB (where n² is minutes) and must finish inside the hang bound (test/support/hang-bound.ts); a CRD pattern comes from the
 * workspace and is matched by RE2, as kube-apiserver (Go's regexp) matches it. The .dockerignore matcher gives
 * @balena/dockerignore's answers on generated patterns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withinHangBound } from '../../support/hang-bound';
import ignore from '@balena/dockerignore';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../../../server/src/compose/index';
import { parseDotenv } from '../../../server/src/compose/dotenv';
import type { Finding } from '../../../server/src/core/diagnostics';
import { setValidationBudget, LanguageRegistry } from '../../../server/src/core/registry';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { dockerignoreMatcher } from '../../../server/src/dockerfile/support/dockerignore';
import { kubernetesSupport } from '../../../server/src/kubernetes/index';
import { isValidQuantity } from '../../../server/src/kubernetes/validation/quantity';
import { matchesPattern } from '../../../server/src/kubernetes/schema/pattern';
import { lint } from '../dockerfile/support';

const MB = 1024 * 1024;

const manifest = (text: string) => sourceFile(TextDocument.create('file:///w/m.yaml', 'yaml', 1, text), 'kubernetes', '1.36');
const compose = (text: string) => sourceFile(TextDocument.create('file:///w/compose.yaml', 'dockercompose', 1, text), 'compose', '1.36');
const ctx = () => ({ settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });

test('a quantity of 1 MB of digits that fails at its last character', () => {
  assert.equal(
    withinHangBound('isValidQuantity', () => isValidQuantity('1'.repeat(MB) + 'x')),
    false,
  );
  // Same language as before: these forms stay valid or invalid.
  for (const ok of ['1', '1.', '1.5', '.5', '+1', '-1.5Gi', '1e3', '100m', '2Ki']) assert.ok(isValidQuantity(ok), ok);
  for (const bad of ['', '.', '1..2', '1.5.5', 'Gi', '1KiB', '1e']) assert.ok(!isValidQuantity(bad), bad);
  const text = `apiVersion: v1\nkind: Pod\nmetadata: { name: q }\nspec:\n  containers:\n    - name: c\n      image: x\n      resources: { limits: { cpu: "${'1'.repeat(MB)}x" } }\n`;
  const findings = withinHangBound('Pod with the quantity', () => kubernetesSupport.validate(manifest(text), ctx()) as Finding[]);
  assert.ok(findings.some((f) => f.code === 'KubeInvalidValue' && /quantities must match/.test(String(f.message))));
});

test('the YAML 1.1 underscore-integer check on a 1 MB plain scalar', () => {
  const value = `1${'_'.repeat(MB)}x`;
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: u }\ndata:\n  a: ${value}\n  b: 1_000\n`;
  const findings = withinHangBound('ConfigMap', () => kubernetesSupport.validate(manifest(text), ctx()) as Finding[]);
  // 1_000 is still an integer to the API server (a string field gets a type error); the long one is a string.
  // (KubeConfigData: the data is over the API server's 1 MiB object limit, as it should say.)
  assert.deepEqual(
    findings.filter((f) => f.code !== 'KubeConfigData').map((f) => `${f.range.start.line} ${f.code}`),
    ['5 KubeInvalidType'],
  );
});

test('.env with an unclosed double quote over 1 MB of lines', () => {
  const text = 'A="start\n' + 'x\n'.repeat(MB / 2) + 'B=after\n';
  const entries = withinHangBound('parseDotenv', () => parseDotenv(text));
  assert.equal(entries.length, 1);
  assert.ok(entries[0].value.startsWith('start\nx\nx'));
  // Closing and escaped quotes behave as before.
  assert.deepEqual(
    parseDotenv('A="one\ntwo" \nB="x\\"y"\nC=""\nD="\n"\n').map((e) => [e.name, e.value]),
    [
      ['A', 'one\ntwo'],
      ['B', 'x"y'],
      ['C', ''],
      ['D', '\n'],
    ],
  );
  assert.deepEqual(
    parseDotenv(`E=value${' '.repeat(MB)}#comment\nF=a #b\nG=a#b\n`).map((e) => [e.name, e.value]),
    [
      ['E', 'value'],
      ['F', 'a'],
      ['G', 'a#b'],
    ],
  );
  assert.equal(withinHangBound('unquoted value with 1 MB of blanks', () => parseDotenv(`H=v${' '.repeat(MB)}x\n`))[0].value, `v${' '.repeat(MB)}x`);
});

test('the HEALTHCHECK search in ~1 MB of blank lines (dockerfile_inline, within the 1 MB full-parse bound)', () => {
  // Each newline is two characters once JSON-quoted: the Compose file stays just under 1 MB.
  const inline = JSON.stringify('FROM alpine\n' + '\n'.repeat(MB / 2.2) + 'HEALTHCHECK  NONE\n');
  const text = `services:\n  web:\n    image: nginx\n    depends_on: { db: { condition: service_healthy } }\n  db:\n    build: { context: ., dockerfile_inline: ${inline} }\n`;
  const findings = withinHangBound('compose', () => composeSupport.validate(compose(text), ctx()) as Finding[]);
  assert.ok(
    findings.some((f) => f.code === 'HealthcheckMissing'),
    'HEALTHCHECK NONE (two blanks) is still no health check',
  );
});

test('.dockerignore: `*a*a*a*a*a*a*a*a!` on a long path, through COPY', async () => {
  const pattern = '*a*a*a*a*a*a*a*a!';
  const file = 'a'.repeat(5000);
  assert.equal(
    withinHangBound('matcher', () => dockerignoreMatcher([pattern])!.ignores(file)),
    false,
  );
  const findings = await lint(`FROM alpine\nCOPY ${'a'.repeat(64)} /x\n`, { '/ws/.dockerignore': `${pattern}\n*.md\n` });
  assert.deepEqual(
    findings.filter((f) => f.code === 'CopyIgnoredFile'),
    [],
  );
});

test('.dockerignore matcher = @balena/dockerignore on generated patterns and paths', () => {
  let seed = 13;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const PATTERN_PARTS = ['a', 'b', 'ab', '/', '*', '**', '?', '.', '[ab]', '[!a]', '\\*', '-', 'a/', '**/', '/**', '.md'];
  const PATH_PARTS = ['a', 'b', 'ab', '.', '/', 'x.md', '-', '*', '.git'];
  let compared = 0;
  for (let n = 0; n < 400; n++) {
    const patterns = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.2 ? '!' : '') + Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(PATTERN_PARTS)).join(''));
    const theirs = ignore().add(patterns);
    const ours = dockerignoreMatcher(patterns);
    if (!ours) continue; // not valid RE2 (nor Go regexp): BuildKit refuses it too
    for (let m = 0; m < 25; m++) {
      const file =
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(PATH_PARTS))
          .join('')
          .replace(/^\/+/, '') || 'a';
      assert.equal(ours.ignores(file), theirs.ignores(file), `patterns ${JSON.stringify(patterns)}, path ${JSON.stringify(file)}`);
      compared++;
    }
  }
  assert.ok(compared > 8000, `${compared} comparisons`);
});

test('a CRD pattern from the workspace is matched by RE2: `^(a+)+$` against 100 kB, and Go syntax rules', () => {
  // A backtracking engine doubles per character here (40 characters: minutes); RE2 is linear, if not fast.
  assert.equal(
    withinHangBound('^(a+)+$', () => matchesPattern('^(a+)+$', 'a'.repeat(100_000) + 'b')),
    false,
  );
  assert.equal(matchesPattern('^[a-z]+$', 'abc'), true);
  assert.equal(matchesPattern('b', 'abc'), true, 'unanchored, like Go MatchString');
  assert.equal(matchesPattern('(a)\\1', 'aa'), undefined, 'a backreference is not RE2 (the API server refuses the CRD)');
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                name: { type: string, pattern: '^(a+)+$' }
`;
  const workspace = new FileWorkspace();
  workspace.setIndexed(sourceFile(TextDocument.create('file:///w/crd.yaml', 'yaml', 1, crd), 'kubernetes', '1.36'));
  const text = `apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\nspec:\n  name: ${'a'.repeat(40)}b\n`;
  const findings = withinHangBound('custom resource', () => kubernetesSupport.validate(manifest(text), { settings: DEFAULT_SETTINGS, workspace }) as Finding[]);
  assert.deepEqual(
    findings.map((f) => `${f.code} ${f.message}`),
    ["KubeInvalidValue spec.name: should match '^(a+)+$'"],
  );
});

test('a validation past its time budget ends in one clear finding, and the next one runs normally', async () => {
  const registry = new LanguageRegistry([kubernetesSupport]);
  const doc = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d${i} }\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec: { containers: [{ name: c, image: x }] }\n`;
  const text = Array.from({ length: 2000 }, (_, i) => doc(i)).join('---\n');
  setValidationBudget(5);
  try {
    const findings = await registry.validate(manifest(text), ctx());
    assert.deepEqual(
      findings.map((f) => f.code),
      ['ValidationBudget'],
    );
    assert.match(String(findings[0].message), /stopped checking this kubernetes file after 5 ms/);
  } finally {
    setValidationBudget(3000);
  }
  assert.deepEqual(await registry.validate(manifest(doc(0)), ctx()), []);
});
