import type { DockerfileRule, RuleContext } from '../rule';

export const invalidHealthcheckRule: DockerfileRule = {
  id: 'InvalidHealthcheck',
  severity: 'error',
  doc: 'HEALTHCHECK with an unknown type, a bad duration or a bad retry count',
  appliesTo: 'instructions',
  check,
};

/** Go's time.ParseDuration, in nanoseconds; null when invalid. */
export function parseGoDuration(value: string): number | null {
  if (value === '0') return 0;
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(value);
  if (!m) return null;
  const unit: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * unit[part[2]];
  return m[1] === '-' ? -total : total;
}

function check({ model, report }: RuleContext): void {
  for (const ins of model.ast.instructions) {
    if (ins.name !== 'healthcheck' || !ins.args.length) continue;
    const type = ins.args[0].value.toUpperCase();
    if (type === 'NONE') {
      if (ins.args.length > 1) report(model.range(ins, ins.argsSpan), 'HEALTHCHECK NONE takes no arguments');
      continue;
    }
    if (type !== 'CMD') {
      report(model.range(ins, ins.args[0]), `Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)`);
      continue;
    }
    if (ins.args.length < 2) report(model.range(ins, ins.args[0]), 'Missing command after HEALTHCHECK CMD');
    for (const flag of ins.flags) {
      if (!flag.hasValue || flag.value === '') continue;
      const range = model.range(ins, flag);
      if (flag.name === 'retries') {
        if (!/^[-+]?\d+$/.test(flag.value)) report(range, `strconv.ParseInt: parsing ${JSON.stringify(flag.value)}: invalid syntax`);
        else if (Number(flag.value) < 0) report(range, `--retries cannot be negative (${Number(flag.value)})`);
      } else if (['interval', 'timeout', 'start-period', 'start-interval'].includes(flag.name)) {
        const ns = parseGoDuration(flag.value);
        if (ns === null) report(range, `time: invalid duration ${JSON.stringify(flag.value)}`);
        else if (ns !== 0 && ns < 1e6) report(range, `Interval ${JSON.stringify(flag.name)} cannot be less than 1ms`);
      }
    }
  }
}
