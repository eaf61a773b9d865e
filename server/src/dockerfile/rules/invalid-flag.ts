import { suggest } from '../analysis';
import { INSTRUCTION_FLAGS } from '../support/flags';
import type { DockerfileRule, RuleContext } from '../rule';

export const invalidFlagRule: DockerfileRule = {
  id: 'InvalidFlag',
  severity: 'error',
  doc: 'An instruction flag BuildKit rejects: unknown, duplicated, missing its value or with a bad value',
  appliesTo: 'instructions',
  check,
};

function check({ model, report }: RuleContext): void {
  for (const ins of model.ast.instructions) {
    let known = INSTRUCTION_FLAGS[ins.name] ?? {};
    if (ins.name === 'healthcheck' && ins.args[0]?.value.toUpperCase() === 'NONE') known = {};
    const used = new Set<string>();
    for (const flag of ins.flags) {
      const range = model.range(ins, flag);
      const text = ins.joined.slice(flag.start, flag.end);
      if (!text.startsWith('--')) continue;
      const type = known[flag.name];
      if (!type) {
        const match = suggest(flag.name, Object.keys(known));
        const nameRange = model.range(ins, { start: flag.start + 2, end: flag.start + 2 + flag.name.length });
        report(range, `unknown flag: --${flag.name}` + (match ? ` (did you mean ${match}?)` : ''), match ? { title: `Change to --${match}`, edits: [{ range: nameRange, newText: match }] } : undefined);
        continue;
      }
      if (used.has(flag.name) && type !== 'strings') report(range, `duplicate flag specified: --${flag.name}`);
      used.add(flag.name);
      if (type === 'bool') {
        if (flag.hasValue && flag.value === '') report(range, `missing a value on flag: --${flag.name}`);
        else if (flag.hasValue && !['true', 'false'].includes(flag.value.toLowerCase())) report(range, `expecting boolean value for flag --${flag.name}, not: ${flag.value}`);
      } else if (!flag.hasValue) {
        report(range, `missing a value on flag: --${flag.name}`);
      } else if (ins.name === 'run' && flag.name === 'network' && !['default', 'none', 'host'].includes(flag.value)) {
        report(range, `invalid network mode ${JSON.stringify(flag.value)}`);
      } else if (ins.name === 'run' && flag.name === 'security' && !['sandbox', 'insecure'].includes(flag.value)) {
        report(range, `security ${JSON.stringify(flag.value)} is not valid`);
      } else if (ins.name === 'run' && flag.name === 'mount') {
        const type = /(?:^|,)type=([^,]*)/.exec(flag.value)?.[1];
        if (type !== undefined && !['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(type.toLowerCase()) && !type.includes('$')) {
          report(range, `unsupported mount type ${JSON.stringify(type)}`);
        }
      }
    }
  }
}
