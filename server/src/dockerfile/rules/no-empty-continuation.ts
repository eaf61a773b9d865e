import type { Finding } from '../../core/diagnostics';
import { buildkitUrl, report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'NoEmptyContinuation',
  severity: 'warning',
  doc: 'Empty continuation lines will become errors in a future release',
  buildkit: true,
  fileScoped: true,
  url: buildkitUrl('no-empty-continuation'),
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const ins of model.ast.instructions) {
    if (!ins.emptyContinuationLines.length) continue;
    // BuildKit reports one warning per instruction; we point at the first empty line and delete them all.
    const edits = ins.emptyContinuationLines.map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }));
    const first = ins.emptyContinuationLines[0];
    findings.push(report(info, { start: { line: first, character: 0 }, end: { line: first + 1, character: 0 } }, 'Empty continuation line', { title: 'Remove empty continuation lines', edits }));
  }
  return findings;
}
