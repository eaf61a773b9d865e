import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streamLines } from '../../../client/src/kubernetes/cluster/stream-lines';

async function collect(chunks: (Buffer | string)[], trailing?: boolean): Promise<string[]> {
  async function* body() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const line of streamLines(body(), { trailing })) out.push(line);
  return out;
}

test('lines split across chunks, and a character split across chunks, come out whole', async () => {
  const text = Buffer.from('first\nsecond é ✓\nthird');
  // Cut inside the two-byte é and inside the three-byte ✓.
  const cuts = [3, text.indexOf(Buffer.from('é')) + 1, text.indexOf(Buffer.from('✓')) + 2];
  const chunks = [text.subarray(0, cuts[0]), text.subarray(cuts[0], cuts[1]), text.subarray(cuts[1], cuts[2]), text.subarray(cuts[2])];
  assert.deepEqual(await collect(chunks, true), ['first', 'second é ✓', 'third']);
});

test('the text after the last newline is kept only when asked (a cut-off watch event is not a line)', async () => {
  assert.deepEqual(await collect(['{"a":1}\n{"b"'], false), ['{"a":1}']);
  assert.deepEqual(await collect(['{"a":1}\n{"b"'], true), ['{"a":1}', '{"b"']);
});
