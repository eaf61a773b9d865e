import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { generateComposeFile } from '../../../bench/support/compose-file';
import { parseCompose } from '../../../server/src/compose/chunked-parse';
import { parseYaml, type YamlFile } from '../../../server/src/yaml/parse';
import { FIXTURES } from './support';

// The block-cached parse must be indistinguishable from the full parse: same nodes, same values, same ranges.
function dump(file: YamlFile): string[] {
  const out: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (!node || typeof node !== 'object') return void out.push(`${at} ${String(node)}`);
    const range = (node as { range?: number[] }).range;
    if (isMap(node)) {
      out.push(`${at} map ${range}`);
      for (const pair of node.items) {
        visit(pair.key, `${at}.key`);
        visit(pair.value, `${at}.${isScalar(pair.key) ? String(pair.key.value) : '?'}`);
      }
    } else if (isSeq(node)) {
      out.push(`${at} seq ${range}`);
      node.items.forEach((item, i) => visit(item, `${at}[${i}]`));
    } else if (isScalar(node)) out.push(`${at} ${JSON.stringify(node.value)} ${range}`);
    else if (isPair(node)) out.push(`${at} pair`);
  };
  for (const doc of file.documents) {
    visit(doc.contents, '$');
    out.push(`errors ${doc.errors.map((e) => e.code + e.pos)}`);
  }
  return out;
}

const inputs: [string, string][] = [['generated 2,000 lines', generateComposeFile(2000)]];
const corpus = path.resolve(__dirname, '../../../../shared/corpus/compose');
if (fs.existsSync(corpus))
  for (const dir of fs.readdirSync(corpus))
    for (const name of ['compose.yaml', 'compose.yml']) {
      const file = path.join(corpus, dir, name);
      if (fs.existsSync(file)) inputs.push([`corpus ${dir}`, fs.readFileSync(file, 'utf8')]);
    }
for (const dir of fs.readdirSync(FIXTURES)) inputs.push([`fixture ${dir}`, fs.readFileSync(path.join(FIXTURES, dir, 'compose.yaml'), 'utf8')]);

test('block-cached parse equals the full parse on every corpus file, fixture and the bench file', () => {
  let chunked = 0;
  for (const [name, text] of inputs) {
    assert.deepEqual(dump(parseCompose(text, `eq:${name}`, 0)), dump(parseYaml(text)), name);
    chunked++;
  }
  assert.ok(chunked > 10);
});

test('after edits that move blocks, reused blocks have shifted ranges equal to a fresh parse', () => {
  let text = generateComposeFile(2000);
  const key = 'edits';
  parseCompose(text, key, 0);
  const edits: [RegExp, string][] = [
    [/svc3:\n    image: [^\n]+/, 'svc3:\n    image: nginx:latest-and-longer'],
    [/      LOG_LEVEL: \$\{LOG_LEVEL:-info\}\n/, ''],
    [/  svc10:\n/, '  svc10:\n    # a comment added\n'],
    [/volumes:\n  data: \{\}\n/, 'volumes:\n  data: {}\n  more: {}\n'],
    [/    restart: unless-stopped\n/, '    restart: always\n'],
  ];
  for (const [pattern, replacement] of edits) {
    text = text.replace(pattern, replacement);
    assert.deepEqual(dump(parseCompose(text, key, 0)), dump(parseYaml(text)), String(pattern));
  }
});

test('shapes the block parse does not reproduce fall back to the full parse', () => {
  for (const text of ['x: &a 1\ny: *a\n' + ' '.repeat(3000), 'services:\n  a:\n    image: x\n  a:\n    image: y\n', 'services:\n  a:\n   image: [\n', '---\na: 1\n---\nb: 2\n', 'services:\n\tweb: {}\n']) {
    assert.deepEqual(dump(parseCompose(text, 'fallback', 0)), dump(parseYaml(text)), text);
  }
});

test('every prefix of the large file (blocks cut anywhere) parses the same both ways', () => {
  const text = generateComposeFile(2000);
  for (let end = 0; end <= text.length; end += 421) {
    const prefix = text.slice(0, end);
    assert.deepEqual(dump(parseCompose(prefix, 'prefixes', 0)), dump(parseYaml(prefix)), `prefix of ${end}`);
  }
});
