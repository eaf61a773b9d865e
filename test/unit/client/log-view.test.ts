// The log view's pure parts (client/src/kubernetes/logs/ring-buffer.ts, log-view.ts): bounded memory for a
// view that follows for days, the filter, and the lines as shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LogView } from '../../../client/src/kubernetes/logs/log-view';
import { filterLines, RingBuffer } from '../../../client/src/kubernetes/logs/ring-buffer';

test('a ring buffer keeps the last N items in order and counts what it dropped', () => {
  const ring = new RingBuffer<number>(3);
  assert.deepEqual(ring.toArray(), []);
  for (let i = 1; i <= 7; i++) ring.push(i);
  assert.deepEqual(ring.toArray(), [5, 6, 7]);
  assert.equal(ring.size, 3);
  assert.equal(ring.dropped, 4);
  ring.clear();
  assert.deepEqual(ring.toArray(), []);
  ring.push(8);
  assert.deepEqual(ring.toArray(), [8]);
  const one = new RingBuffer(1);
  one.push('a');
  one.push('b');
  assert.deepEqual(one.toArray(), ['b']);
  for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => new RingBuffer(bad), /capacity must be a positive integer/, String(bad));
});

test('100,000 lines through a 1,000-line view: memory stays at 1,000 lines, the newest ones', () => {
  const view = new LogView({ maxLines: 1000 });
  for (let i = 0; i < 100_000; i++) view.add({ pod: 'web-1', container: 'app', time: '', text: `line ${i}` });
  assert.equal(view.buffer.size, 1000);
  assert.equal(view.received, 100_000);
  const lines = view.text().split('\n');
  assert.equal(lines[0], '--- 99000 older lines dropped (shipshape.logs.maxLines = 1000) ---');
  assert.equal(lines[1], 'line 99000');
  assert.equal(lines[1000], 'line 99999');
});

test('filters: plain text ignores case, /regex/flags is a regular expression (a g flag cannot make it skip lines)', () => {
  const lines = ['GET /health 200', 'POST /orders 500', 'get /orders 200', 'error: timeout'];
  assert.deepEqual(filterLines(lines, ''), lines);
  assert.deepEqual(filterLines(lines, 'get'), ['GET /health 200', 'get /orders 200']);
  assert.deepEqual(filterLines(lines, '/ 5\\d\\d$/'), ['POST /orders 500']);
  assert.deepEqual(filterLines(lines, '/^get/gi'), ['GET /health 200', 'get /orders 200']);
  // Not a regex without both slashes: matched as text.
  assert.deepEqual(filterLines(lines, '/orders'), ['POST /orders 500', 'get /orders 200']);
});

test('a merged view prefixes each line with its pod and container, timestamps when asked; notices stand out', () => {
  const view = new LogView({ maxLines: 10, prefix: true, timestamps: true });
  view.add({ pod: 'web-1', container: 'app', time: '2026-01-01T12:00:00.123456789Z', text: 'started' });
  view.add({ pod: 'web-2', container: 'app', time: '', text: 'no time' });
  view.notice('web-1 restarted');
  view.filter = 'web-1';
  assert.equal(view.text(), '[web-1/app] 2026-01-01T12:00:00.123456789Z started\n--- web-1 restarted ---\n');
  view.filter = 'nothing';
  assert.equal(view.text(), '');
  assert.equal(new LogView({ maxLines: 0.5 }).buffer.capacity, 1);
});
