import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const noEmptyContinuationRule: DockerfileRule = {
  id: 'NoEmptyContinuation',
  severity: 'warning',
  doc: 'Empty continuation lines will become errors in a future release',
  buildkit: true,
  url: buildkitUrl('no-empty-continuation'),
  appliesTo: 'file',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const ins of model.ast.instructions) {
    if (!ins.emptyContinuationLines.length) continue;
    // BuildKit reports one warning per instruction; we point at the first empty line and delete them all.
    const edits = ins.emptyContinuationLines.map((line) => ({ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }));
    const first = ins.emptyContinuationLines[0];
    report({ start: { line: first, character: 0 }, end: { line: first + 1, character: 0 } }, 'Empty continuation line', { title: 'Remove empty continuation lines', edits });
  }
}
