import type { Instruction } from '../syntax/parse';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const consistentInstructionCasingRule: DockerfileRule = {
  id: 'ConsistentInstructionCasing',
  severity: 'warning',
  doc: 'All commands within the Dockerfile should use the same casing (either upper or lower)',
  buildkit: true,
  url: buildkitUrl('consistent-instruction-casing'),
  appliesTo: 'file',
  check,
};

const selfConsistent = (s: string) => s === s.toLowerCase() || s === s.toUpperCase();

function check({ model, report }: RuleContext): void {
  // BuildKit counts the FROM and every command of every stage (not the ARGs before the first FROM).
  const counted: Instruction[] = model.stages.flatMap((stage) => [stage.from, ...stage.instructions]);
  let lower = 0;
  let upper = 0;
  for (const ins of counted) {
    if (!selfConsistent(ins.keyword)) continue;
    if (ins.keyword === ins.keyword.toLowerCase()) lower++;
    else upper++;
  }
  const majorityLower = lower > upper;
  for (const ins of counted) {
    const wanted = majorityLower ? ins.keyword.toLowerCase() : ins.keyword.toUpperCase();
    if (wanted === ins.keyword) continue;
    const range = model.range(ins, ins.keywordSpan);
    report(range, `Command '${ins.keyword}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`, { title: `Change to ${wanted}`, edits: [{ range, newText: wanted }] });
  }
}
