// The one rule contract (server/src/core/rule.ts), checked over the real rule files of every language.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RuleInfo } from '../../../server/src/core/diagnostics';
import type { FileKind } from '../../../server/src/core/kinds';
import type { LanguageSupport } from '../../../server/src/core/language';
import { LanguageRegistry } from '../../../server/src/core/registry';
import type { Rule } from '../../../server/src/core/rule';
import { createRegistry } from '../../../server/src/languages';

const SERVER = path.resolve(__dirname, '../../../server/src');
/** Each language folder, and the prefix its codes carry that its file names drop (the folder says it). */
const LANGUAGES: Array<{ dir: string; kind: FileKind; prefix: string }> = [
  { dir: 'dockerfile', kind: 'dockerfile', prefix: 'Dockerfile' },
  { dir: 'compose', kind: 'compose', prefix: 'Compose' },
  { dir: 'kubernetes', kind: 'kubernetes', prefix: 'Kube' },
  { dir: 'helm', kind: 'helm-chart', prefix: 'Helm' },
];

function isRule(value: unknown): value is Rule<unknown, unknown> {
  const rule = value as Partial<Rule<unknown, unknown>> | null;
  return typeof rule === 'object' && rule !== null && typeof rule.id === 'string' && typeof rule.check === 'function';
}

test('a code is one rule across languages: the same severity and documentation wherever it is reported', () => {
  const registry = createRegistry();
  const first = new Map<string, { rule: RuleInfo; language: string }>();
  const languagesOf = new Map<string, string[]>();
  const clashes: string[] = [];
  for (const language of registry.languages) {
    const name = language.kinds[0];
    const ids = language.rules.map((rule) => rule.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      `${name} lists a code twice`,
    );
    for (const rule of language.rules) {
      languagesOf.set(rule.id, [...(languagesOf.get(rule.id) ?? []), name]);
      const known = first.get(rule.id);
      if (!known) first.set(rule.id, { rule, language: name });
      else if (known.rule.severity !== rule.severity || known.rule.doc !== rule.doc || known.rule.url !== rule.url) clashes.push(`${rule.id}: ${known.language} and ${name} differ`);
    }
  }
  assert.deepEqual(clashes, []);
  // Shared on purpose, each declared once: the YAML parser's codes and a refused read.
  const shared = [...languagesOf]
    .filter(([, languages]) => languages.length > 1)
    .map(([id]) => id)
    .sort();
  assert.deepEqual(shared, ['FileNotRead', 'YamlDuplicateKey', 'YamlSyntax', 'YamlWarning']);
  assert.equal(registry.rules.length, new Set(registry.rules.map((rule) => rule.id)).size);
});

test('the registry refuses a code declared twice with different meanings, and keeps one of a shared code', () => {
  const language = (kind: FileKind, doc: string): LanguageSupport => ({ kinds: [kind], rules: [{ id: 'SameCode', severity: 'error', doc }], validate: () => [] });
  assert.throws(() => new LanguageRegistry([language('dockerfile', 'one thing'), language('compose', 'another')]), /rule code SameCode is declared twice/);
  assert.throws(() => new LanguageRegistry([{ ...language('dockerfile', 'mine'), rules: [{ id: 'InternalError', severity: 'warning', doc: 'mine' }] }]), /InternalError/);
  const registry = new LanguageRegistry([language('dockerfile', 'one thing'), language('compose', 'one thing')]);
  assert.equal(registry.rules.filter((rule) => rule.id === 'SameCode').length, 1);
});

test('every rule file is named for its code, exports one rule that says what it applies to, and its language runs it', async () => {
  const registry = createRegistry();
  const problems: string[] = [];
  for (const { dir, kind, prefix } of LANGUAGES) {
    const listed = registry.for(kind)!.rules.filter(isRule);
    const found = new Set<unknown>();
    const folder = path.join(SERVER, dir, 'rules');
    for (const name of fs
      .readdirSync(folder)
      .filter((n) => n.endsWith('.ts') && n !== 'index.ts')
      .sort()) {
      const where = `${dir}/rules/${name}`;
      const rules = Object.values(await import(path.join(folder, name))).filter(isRule);
      if (rules.length !== 1) {
        problems.push(`${where} exports ${rules.length} rules`);
        continue;
      }
      const [rule] = rules;
      found.add(rule);
      const expected = rule.id.replace(new RegExp(`^${prefix}(?=[A-Z])`), '').toLowerCase();
      if (name.slice(0, -'.ts'.length).replace(/-/g, '') !== expected) problems.push(`${where} holds ${rule.id}`);
      if (rule.appliesTo === undefined) problems.push(`${rule.id} does not say what it applies to`);
      if (!listed.includes(rule)) problems.push(`${rule.id} (${where}) is not among the ${dir} rules`);
    }
    for (const rule of listed) if (!found.has(rule)) problems.push(`${rule.id} is not in a file of ${dir}/rules/`);
  }
  assert.deepEqual(problems, []);
});
