import { argDecls } from '../model';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const invalidDefinitionDescriptionRule: DockerfileRule = {
  id: 'InvalidDefinitionDescription',
  severity: 'warning',
  doc: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`',
  buildkit: true,
  experimental: true,
  url: buildkitUrl('invalid-definition-description'),
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const ins of model.ast.instructions) {
    if (!ins.comments.length) continue;
    let keys: string[] = [];
    if (ins.name === 'from') {
      const stage = model.stages.find((s) => s.from === ins);
      if (stage?.name) keys = [stage.name];
    } else if (ins.name === 'arg') {
      keys = argDecls(ins).map((d) => d.key);
    }
    if (!keys.length) continue;
    const first = ins.comments[ins.comments.length - 1].split(' ')[0];
    if (keys.includes(first)) continue;
    const example = keys.length > 1 ? '<arg_key>' : keys[0];
    // BuildKit keeps collecting comments across blank lines (despite its docs); an empty `#` line resets them.
    const start = { line: ins.startLine, character: 0 };
    report(model.range(ins, ins.keywordSpan), `Comment for ${ins.name.toUpperCase()} should follow the format: \`# ${example} <description>\``, {
      title: 'Separate the comment with an empty comment line',
      edits: [{ range: { start, end: start }, newText: '#\n' }],
    });
  }
}
