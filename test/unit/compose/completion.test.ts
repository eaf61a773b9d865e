import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { composeSupport } from '../../../server/src/compose/index';
import { branches, COMPOSE_SCHEMA, type SchemaNode } from '../../../server/src/compose/schema/schema-index';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';

/** Completion labels at the `|` of a Compose text (the marker is removed). */
export function completeAt(marked: string, filePath = '/ws/compose.yaml'): string[] {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const file = sourceFile(TextDocument.create(pathToUri(filePath), 'dockercompose', 1, text), 'compose', '1.35');
  const workspace = new FileWorkspace();
  workspace.setOpen(file);
  const result = composeSupport.completion!(file, file.document.positionAt(offset), { settings: DEFAULT_SETTINGS, workspace });
  const items: CompletionItem[] = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((i) => i.label).sort();
}

const DECLARED = `  db:
    image: postgres
  cache:
    image: redis
networks:
  front: {}
  back: {}
volumes:
  data: {}
  logs: {}
secrets:
  token:
    file: ./token.txt
  key:
    file: ./key.txt
configs:
  conf:
    file: ./app.conf
models:
  llm:
    model: ai/smollm2
`;

/** What each reference list of a service offers: the names declared in the project (never the service itself). */
const LISTS: Array<{ attribute: string; expected: string[]; sibling: (name: string) => string[] }> = [
  { attribute: 'depends_on', expected: ['cache', 'db'], sibling: (n) => [`- ${n}`] },
  { attribute: 'links', expected: ['cache', 'db'], sibling: (n) => [`- ${n}`] },
  { attribute: 'volumes_from', expected: ['cache', 'db'], sibling: (n) => [`- ${n}`] },
  { attribute: 'networks', expected: ['back', 'front'], sibling: (n) => [`- ${n}`] },
  { attribute: 'volumes', expected: ['data:', 'logs:'], sibling: (n) => [`- ${n}:/srv/${n}`] },
  { attribute: 'secrets', expected: ['key', 'token'], sibling: (n) => [`- ${n}`] },
  { attribute: 'configs', expected: ['conf'], sibling: (n) => [`- ${n}`] },
  { attribute: 'models', expected: ['llm'], sibling: (n) => [`- ${n}`] },
  // Long syntax siblings: a mapping per item, continued on the lines below its dash.
  { attribute: 'secrets', expected: ['key', 'token'], sibling: (n) => [`- source: ${n}`, `  target: /run/${n}`] },
  { attribute: 'volumes', expected: ['data:', 'logs:'], sibling: (n) => ['- type: volume', `  source: ${n}`, `  target: /srv/${n}`] },
];

/** A service `web` whose `attribute` list has `before` items, the item being typed, then one more item. */
function listText(attribute: string, sibling: (name: string) => string[], before: number, compact: boolean, typed: string): string {
  const dash = compact ? '    ' : '      ';
  const item = (k: number) =>
    sibling(`x${k}`)
      .map((l) => dash + l)
      .join('\n');
  const lines = ['services:', '  web:', '    image: nginx', `    ${attribute}:`];
  for (let k = 0; k < before; k++) lines.push(item(k));
  lines.push(`${dash}${typed}|`);
  lines.push(item(before + 1));
  return `${lines.join('\n')}\n${DECLARED}`;
}

test('names complete on every item of every reference list, not only the first (both indent styles)', () => {
  const failures: string[] = [];
  for (const { attribute, expected, sibling } of LISTS) {
    for (const compact of [false, true]) {
      for (let before = 0; before <= 3; before++) {
        const got = completeAt(listText(attribute, sibling, before, compact, '- '));
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          failures.push(`${attribute} item ${before + 1} (${compact ? 'dash under the key' : 'indented'}, siblings ${JSON.stringify(sibling('x')[0])}): ${JSON.stringify(got)}`);
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('long syntax `- source:` completes the declared names on every item', () => {
  for (const [attribute, expected] of [
    ['secrets', ['key', 'token']],
    ['configs', ['conf']],
  ] as const) {
    for (let before = 0; before <= 3; before++) {
      const got = completeAt(listText(attribute, (n) => [`- source: ${n}`, '  mode: 0400'], before, false, '- source: '));
      assert.deepEqual(got, expected, `${attribute} item ${before + 1}`);
    }
  }
});

test('keys inside a later list item come from that item, not the first one', () => {
  // Second long-syntax port: `target` and `published` are offered again though the first item has them.
  const text = 'services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: "8080"\n      - target: 443\n        |\n';
  const labels = completeAt(text);
  assert.ok(labels.includes('published'), labels.join(','));
  assert.ok(!labels.includes('target'), 'the key the second item already has is not offered again');
});

test('flow lists complete names after each comma', () => {
  assert.deepEqual(completeAt(`services:\n  web:\n    image: nginx\n    depends_on: [db, |]\n${DECLARED}`), ['cache', 'db']);
  assert.deepEqual(completeAt(`services:\n  web:\n    image: nginx\n    networks: [front, back, |]\n${DECLARED}`), ['back', 'front']);
});

test('build.secrets items complete secret names on every item', () => {
  for (let before = 0; before <= 2; before++) {
    const items = Array.from({ length: before }, (_, k) => `        - s${k}`).join('\n');
    const text = `services:\n  web:\n    build:\n      context: .\n      secrets:\n${items ? items + '\n' : ''}        - |\n${DECLARED}`;
    assert.deepEqual(completeAt(text), ['key', 'token'], `item ${before + 1}`);
  }
});

/**
 * A YAML path as lines, the cursor after the last key's colon. List indices become `- ` items; with
 * `sibling`, each list first gets an earlier item, so the position completed is the second one.
 */
function yamlAt(path: readonly (string | number)[], sibling = false): string {
  const lines: string[] = [];
  let indent = 0;
  let dash = false;
  path.forEach((segment, i) => {
    if (typeof segment === 'number') {
      if (sibling) lines.push(`${' '.repeat(indent)}- {}`);
      dash = true;
      return;
    }
    lines.push(`${' '.repeat(indent)}${dash ? '- ' : ''}${segment}:${i === path.length - 1 ? ' |' : ''}`);
    indent += dash ? 4 : 2;
    dash = false;
  });
  if (dash) {
    if (sibling) lines.push(`${' '.repeat(indent)}- {}`);
    lines.push(`${' '.repeat(indent)}- |`);
  }
  return lines.join('\n') + '\n';
}

/** A key that a patternProperties regex accepts (the schema's own name patterns are simple). */
function keyFor(pattern: string): string | undefined {
  for (const candidate of ['web', 'db', 'nofile', 'x1', 'a']) if (new RegExp(pattern).test(candidate)) return candidate;
  return undefined;
}

/** Every node carrying an enum, with the shortest document path that reaches it (breadth first from the root). */
function enumPaths(): { found: Map<SchemaNode, (string | number)[]>; all: Set<SchemaNode> } {
  const all = new Set<SchemaNode>();
  const collect = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (!Array.isArray(node) && Array.isArray((node as SchemaNode).enum)) all.add(node as SchemaNode);
    for (const child of Object.values(node)) collect(child);
  };
  collect(COMPOSE_SCHEMA);
  const found = new Map<SchemaNode, (string | number)[]>();
  const seen = new Set<SchemaNode>();
  let queue: Array<{ node: SchemaNode; path: (string | number)[] }> = [{ node: COMPOSE_SCHEMA, path: [] }];
  while (queue.length) {
    const next: typeof queue = [];
    for (const { node, path } of queue) {
      for (const branch of branches(node)) {
        if (branch.enum && !found.has(branch)) found.set(branch, path);
        if (seen.has(branch) || path.length > 10) continue;
        seen.add(branch);
        for (const [key, child] of Object.entries(branch.properties ?? {})) next.push({ node: child, path: [...path, key] });
        for (const [pattern, child] of Object.entries(branch.patternProperties ?? {})) {
          const key = pattern === '^x-' ? undefined : keyFor(pattern);
          if (key) next.push({ node: child, path: [...path, key] });
        }
        if (branch.items) next.push({ node: branch.items, path: [...path, 0] });
        if (typeof branch.additionalProperties === 'object') next.push({ node: branch.additionalProperties, path: [...path, 'k'] });
      }
    }
    queue = next;
  }
  return { found, all };
}

test('every enum of the Compose schema completes all its values where it applies', () => {
  const { found, all } = enumPaths();
  assert.deepEqual(
    [...all].filter((n) => !found.has(n)).map((n) => JSON.stringify(n.enum)),
    [],
    'every enum is reachable from a document root',
  );
  const failures: string[] = [];
  for (const [node, path] of found) {
    for (const sibling of [false, true]) {
      const offered = completeAt(yamlAt(path, sibling));
      const missing = (node.enum ?? []).map(String).filter((v) => !offered.includes(v));
      if (missing.length) failures.push(`${path.join('.')}${sibling ? ' (second item)' : ''}: missing ${missing.join(', ')} (offered ${offered.join(', ') || 'nothing'})`);
    }
  }
  assert.ok(found.size >= 11, `enums found: ${found.size}`);
  assert.deepEqual(failures, []);
});

test('restart and the other closed string sets complete their values; `no` is inserted quoted', () => {
  assert.deepEqual(completeAt('services:\n  web:\n    image: nginx\n    restart: |\n'), ['always', 'no', 'on-failure', 'unless-stopped']);
  const file = 'services:\n  web:\n    image: nginx\n    restart: \n';
  const doc = sourceFile(TextDocument.create(pathToUri('/ws/compose.yaml'), 'dockercompose', 1, file), 'compose', '1.35');
  const items = composeSupport.completion!(doc, { line: 3, character: 13 }, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() }) as CompletionItem[];
  assert.equal(items.find((i) => i.label === 'no')?.insertText, '"no"');
  assert.deepEqual(completeAt('services:\n  web:\n    image: nginx\n    pull_policy: |\n'), ['always', 'build', 'daily', 'if_not_present', 'missing', 'never', 'refresh', 'weekly']);
  assert.deepEqual(completeAt('services:\n  web:\n    image: nginx\n    deploy:\n      restart_policy:\n        condition: |\n'), ['any', 'none', 'on-failure']);
  // Each value completion offers is one validation accepts.
  for (const value of ['no', 'always', 'on-failure', 'unless-stopped']) {
    const text = `services:\n  web:\n    image: nginx\n    restart: ${value === 'no' ? '"no"' : value}\n`;
    const f = sourceFile(TextDocument.create(pathToUri('/ws/compose.yaml'), 'dockercompose', 1, text), 'compose', '1.35');
    const findings = composeSupport.validate(f, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() }) as { code: string }[];
    assert.deepEqual(
      findings.map((x) => x.code),
      [],
      value,
    );
  }
});
