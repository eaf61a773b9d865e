/**
 * No input takes the Dockerfile service down: every prefix of every fixture (what an editor sees while
 * typing) is validated and answered for every editing feature without an InternalError or an exception.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { dockerfileSupport as s } from '../../../server/src/dockerfile';
import { context, dockerfile } from './support';

const FIXTURES = path.resolve(__dirname, '../../oracles/buildkit/fixtures');
/** Every fixture, the build-error ones under errors/ included. */
const fixtures = (dir = FIXTURES): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? fixtures(path.join(dir, e.name)) : [path.join(dir, e.name)]));

test('every prefix of every fixture: no crash in validation or editing features', async () => {
  const ctx = context();
  let checked = 0;
  for (const name of fixtures()) {
    const text = fs.readFileSync(name, 'utf8');
    for (let end = 0; end <= text.length; end += 7) {
      const file = dockerfile(text.slice(0, end));
      const findings = await s.validate(file, ctx);
      const internal = findings.filter((f) => f.code === 'InternalError');
      assert.deepEqual(internal, [], `${name} [0, ${end})`);
      const position = file.document.positionAt(end);
      s.completion!(file, position, ctx);
      s.hover!(file, position, ctx);
      s.definition!(file, position, ctx);
      s.references!(file, position, ctx);
      s.prepareRename!(file, position, ctx);
      s.documentSymbols!(file, ctx);
      s.semanticTokens!(file, ctx);
      s.documentLinks!(file, ctx);
      s.codeActions!(file, { start: position, end: position }, findings, ctx);
      checked++;
    }
  }
  assert.ok(checked > 500, `checked ${checked}`);
});

test('semantic tokens are well-formed: sorted, non-overlapping, legend indexes in range', () => {
  for (const name of fixtures()) {
    const { data } = s.semanticTokens!(dockerfile(fs.readFileSync(name, 'utf8')), context());
    assert.equal(data.length % 5, 0);
    for (let k = 0; k < data.length; k += 5) {
      assert.ok(data[k] >= 0 && data[k + 2] > 0, `${name}: token ${k / 5}`);
      if (data[k] === 0 && k > 0) assert.ok(data[k + 1] >= data[k - 3], `${name}: overlap at token ${k / 5}`);
      assert.ok(data[k + 3] >= 0 && data[k + 3] < 10, `${name}: type`);
    }
  }
});
