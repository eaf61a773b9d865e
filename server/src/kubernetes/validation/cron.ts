/** Cron syntax as robfig/cron/v3's standard parser (what the CronJob validation uses) accepts it. Error text or undefined. */
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export function cronProblem(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (/^(?:CRON_)?TZ=/.test(spec)) {
    const space = spec.indexOf(' ');
    if (space < 0) return 'provided bad location';
    spec = spec.slice(space + 1).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) return DURATION.test(spec.slice(7).trim()) ? undefined : `failed to parse duration ${spec}`;
    return DESCRIPTORS.has(spec) ? undefined : `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: ${JSON.stringify(fields)}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return problem;
  }
  return undefined;
}

function value(text: string, field: (typeof FIELDS)[number]): number | string {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) return `failed to parse int from ${text}`;
  return Number(text);
}

function fieldProblem(expr: string, field: (typeof FIELDS)[number]): string | undefined {
  for (const part of expr.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return `too many slashes: ${part}`;
    let start = field.min;
    let end = field.max;
    if (range !== '*' && range !== '?') {
      const bounds = range.split('-');
      if (bounds.length > 2) return `too many hyphens: ${range}`;
      const low = value(bounds[0], field);
      if (typeof low === 'string') return low;
      start = low;
      end = low;
      if (bounds.length === 2) {
        const high = value(bounds[1], field);
        if (typeof high === 'string') return high;
        end = high;
      }
    }
    if (step !== undefined) {
      if (!/^\d+$/.test(step)) return `failed to parse int from ${step}`;
      if (Number(step) === 0) return `step of range should be a positive number: ${part}`;
    }
    if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${part}`;
    if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${part}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${part}`;
  }
  return undefined;
}
