import type { Finding } from '../../core/diagnostics';
import { suggest } from '../analysis';
import { INSTRUCTION_FLAGS } from '../support/flags';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'InvalidFlag',
  severity: 'error',
  doc: 'An instruction flag BuildKit rejects: unknown, duplicated, missing its value or with a bad value',
};

export function check({ model }: RuleContext): Finding[] {
  const findings: Finding[] = [];
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
        findings.push(report(info, range, `unknown flag: --${flag.name}` + (match ? ` (did you mean ${match}?)` : ''),
          match ? { title: `Change to --${match}`, edits: [{ range: nameRange, newText: match }] } : undefined));
        continue;
      }
      if (used.has(flag.name) && type !== 'strings') findings.push(report(info, range, `duplicate flag specified: --${flag.name}`));
      used.add(flag.name);
      if (type === 'bool') {
        if (flag.hasValue && flag.value === '') findings.push(report(info, range, `missing a value on flag: --${flag.name}`));
        else if (flag.hasValue && !['true', 'false'].includes(flag.value.toLowerCase())) findings.push(report(info, range, `expecting boolean value for flag --${flag.name}, not: ${flag.value}`));
      } else if (!flag.hasValue) {
        findings.push(report(info, range, `missing a value on flag: --${flag.name}`));
      } else if (ins.name === 'run' && flag.name === 'network' && !['default', 'none', 'host'].includes(flag.value)) {
        findings.push(report(info, range, `invalid network mode ${JSON.stringify(flag.value)}`));
      } else if (ins.name === 'run' && flag.name === 'security' && !['sandbox', 'insecure'].includes(flag.value)) {
        findings.push(report(info, range, `security ${JSON.stringify(flag.value)} is not valid`));
      } else if (ins.name === 'run' && flag.name === 'mount') {
        const type = /(?:^|,)type=([^,]*)/.exec(flag.value)?.[1];
        if (type !== undefined && !['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(type.toLowerCase()) && !type.includes('$')) {
          findings.push(report(info, range, `unsupported mount type ${JSON.stringify(type)}`));
        }
      }
    }
  }
  return findings;
}
