import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { composeSupport } from '../../../server/src/compose/index';
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
  const items: CompletionItem[] = Array.isArray(result) ? result : result?.items ?? [];
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
  const item = (k: number) => sibling(`x${k}`).map((l) => dash + l).join('\n');
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
  for (const [attribute, expected] of [['secrets', ['key', 'token']], ['configs', ['conf']]] as const) {
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
