// docker-compose v1 cannot read what Shipshape accepts (top-level `name:`, `include:`): the Up command
// says so, where, and how to get v2, instead of v1's "'name' does not match any of the regexes".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { v1Blockers, v1Refusal } from '../../../client/src/docker/compose-v1';

const files: Record<string, string> = {
  '/p/compose.yaml': 'name: shop\nservices:\n  web:\n    image: nginx\n    name: not-top-level\n',
  '/p/compose.override.yaml': '# include: commented\ninclude:\n  - other.yaml\n',
  '/p/v1-ok.yaml': 'version: "3.8"\nservices:\n  web:\n    image: nginx\n',
};
const read = (f: string) => files[f]!;

test('v2-only top-level keys are found with their line; nested or commented ones are not', () => {
  assert.deepEqual(
    v1Blockers(['/p/compose.yaml', '/p/compose.override.yaml'], read).map((b) => `${b.file}:${b.line} ${b.key}`),
    ['/p/compose.yaml:1 name', '/p/compose.override.yaml:2 include'],
  );
  assert.deepEqual(v1Blockers(['/p/v1-ok.yaml'], read), []);
});

test('the refusal names the version, the key and line, and the way to Compose v2', () => {
  const message = v1Refusal(v1Blockers(['/p/compose.yaml'], read), '1.29.2', (f) => path.basename(f))!;
  assert.match(message, /^Only docker-compose v1 \(1\.29\.2\) is installed, and it cannot read top-level `name:` \(the project name\) at compose\.yaml:1/);
  assert.match(message, /docker-compose-plugin/);
  assert.equal(v1Refusal([], '1.29.2'), undefined);
});

test("the project's own example is one v1 cannot read (the case a new user met)", () => {
  const example = path.resolve(__dirname, '../../../examples/compose.yaml');
  assert.ok(fs.existsSync(example));
  assert.deepEqual(
    v1Blockers([example]).map((b) => b.key),
    ['name'],
  );
});
