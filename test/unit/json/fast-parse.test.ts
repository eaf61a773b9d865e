import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { type Node, type ParseError, parseTree } from 'jsonc-parser';
import { parseStrictJson } from '../../../server/src/json/fast-parse';
import { ECS_FIXTURES, ecsFixtureFiles } from '../../support/ecs-fixtures';

const REPO = path.resolve(__dirname, '../../..');

/** jsonc-parser's tree without parent links, for comparison. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  const { parent: _parent, children, ...rest } = node;
  return children ? { ...rest, children: children.map(plain) } : rest;
}

function reference(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return { root, errors };
}

function agree(text: string, label: string): void {
  const fast = parseStrictJson(text);
  const ref = reference(text);
  if (ref.errors.length) assert.equal(fast, undefined, `${label}: jsonc-parser finds an error, the fast parser read it`);
  else {
    assert.deepEqual(plain(fast), plain(ref.root), label);
    const check = (node: Node) => node.children?.forEach((child) => (assert.equal(child.parent, node), check(child)));
    check(fast!);
  }
}

test('the same tree as jsonc-parser on every ECS fixture and the repository JSON files', () => {
  for (const file of ecsFixtureFiles()) agree(fs.readFileSync(path.join(ECS_FIXTURES, file), 'utf8'), file);
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'server/src/ecs/schema.generated.json']) agree(fs.readFileSync(path.join(REPO, file), 'utf8'), file);
});

test('the same tree, or undefined where jsonc-parser reports an error, on edge cases', () => {
  const cases = [
    '{}',
    '[]',
    ' {"a" : [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"", {}]} ',
    '"\\ud83d\\ude00"',
    '-0',
    '{"a": 1,}',
    '[1,]',
    '{"a" 1}',
    '{"a": 01}',
    '{"a": 1.}',
    '{"a": "x\ty"}',
    '{"a": "\\x"}',
    '{"a": tru}',
    '// c\n{}',
    '{} {}',
    '',
    '  ',
    '{"a": "unterminated',
    '[1 2]',
    "{'a': 1}",
    '{"a": NaN}',
    '\ufeff{}',
  ];
  for (const text of cases) agree(text, JSON.stringify(text));
});

test('seeded mutants of a fixture: equal tree or both refuse', () => {
  const text = fs.readFileSync(path.join(ECS_FIXTURES, 'valid/web-fargate-task-definition.json'), 'utf8');
  const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '1', '-', '.', 'e', 't', 'n', '\u0001'];
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < 2000; i++) {
    const at = random(text.length);
    const mutant = random(3) === 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + alphabet[random(alphabet.length)] + text.slice(at);
    agree(mutant, `mutant ${i} at ${at}`);
  }
});
