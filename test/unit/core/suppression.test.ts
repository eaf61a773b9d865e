import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyRuleLevels, finding } from '../../../server/src/core/diagnostics';
import { applySuppressions } from '../../../server/src/core/suppression';
import { DiagnosticSeverity } from 'vscode-languageserver-types';

const at = (line: number, code: string) => finding(code, 'warning', { start: { line, character: 0 }, end: { line, character: 1 } }, code);

test('disable-next-line silences only the named codes on the next line', () => {
  const text = 'a\n# shipshape-disable-next-line A1, B2\nb\nc\n';
  const kept = applySuppressions(text, [at(2, 'A1'), at(2, 'B2'), at(2, 'C3'), at(3, 'A1'), at(0, 'A1')]);
  assert.deepEqual(
    kept.map((f) => `${f.range.start.line}:${f.code}`),
    ['2:C3', '3:A1', '0:A1'],
  );
});

test('disable-next-line without codes silences every finding on the next line, at any indent', () => {
  const text = 'x:\n  # shipshape-disable-next-line\n  y: 1\n';
  assert.deepEqual(
    applySuppressions(text, [at(2, 'A'), at(2, 'B'), at(0, 'A')]).map((f) => f.code),
    ['A'],
  );
});

test('rule levels override severity or drop the finding', () => {
  const out = applyRuleLevels([at(0, 'A'), at(0, 'B'), at(0, 'C')], { A: 'off', B: 'error', C: 'info' });
  assert.deepEqual(
    out.map((f) => [f.code, f.severity]),
    [
      ['B', DiagnosticSeverity.Error],
      ['C', DiagnosticSeverity.Information],
    ],
  );
});
