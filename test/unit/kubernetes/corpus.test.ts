import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpus, errorsIn, shipshapeFindings } from '../../fixtures/kubernetes/corpus';

// Offline half of the agreement test: every invalid manifest gets an error on its `# cause` line,
// every valid one none. test/live/kubernetes-agreement.test.ts checks the same corpus against kube-apiserver.
describe('kubernetes corpus (offline)', () => {
  it('flags every invalid manifest on the line of its cause', async () => {
    const cases = corpus('invalid');
    assert.ok(cases.length >= 150, `only ${cases.length} invalid cases`);
    const missed: string[] = [];
    const cache = new Map<string, Awaited<ReturnType<typeof shipshapeFindings>>>();
    for (const c of cases) {
      if (!cache.has(c.file)) cache.set(c.file, await shipshapeFindings(c.file));
      const lines = c.text.split('\n').length;
      const errors = errorsIn(cache.get(c.file)!, c.startLine, c.startLine + lines);
      if (!errors.some((e) => e.range.start.line === c.causeLine)) {
        missed.push(`${c.label}: cause line ${c.causeLine! + 1}, errors at ${errors.map((e) => `${e.range.start.line + 1} ${e.code} ${e.message}`).join(' | ') || 'none'}`);
      }
    }
    assert.deepEqual(missed, []);
  });

  it('reports no error on the valid manifests', async () => {
    const wrong: string[] = [];
    const cache = new Map<string, Awaited<ReturnType<typeof shipshapeFindings>>>();
    for (const c of corpus('valid')) {
      if (!cache.has(c.file)) cache.set(c.file, await shipshapeFindings(c.file));
      const errors = errorsIn(cache.get(c.file)!, c.startLine, c.startLine + c.text.split('\n').length);
      for (const e of errors) wrong.push(`${c.label}: line ${e.range.start.line + 1} ${e.code} ${e.message}`);
    }
    assert.deepEqual(wrong, []);
  });
});
