import { analyze, expandSimple, suggest } from '../analysis';
import { MOUNT_KEYS } from '../support/flags';
import { parsePlatform } from '../support/platform';
import { parseImageReference } from '../support/reference';
import type { DockerfileRule, RuleContext } from '../rule';

export const buildErrorRule: DockerfileRule = {
  id: 'BuildError',
  severity: 'error',
  doc: 'What BuildKit rejects when it prepares the build: blank or invalid base image, bad --platform, bad STOPSIGNAL, empty VOLUME, bad --mount options',
  appliesTo: 'instructions',
  check,
};

const SIGNALS = new Set([
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
  'RTMIN',
  'RTMAX',
]);

/** moby/sys/signal.ParseSignal on Linux. */
export function validSignal(raw: string): boolean {
  if (/^\d+$/.test(raw)) return Number(raw) > 0;
  const name = raw.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.has(name) || /^RTM(IN\+([1-9]|1[0-4])|AX-([1-9]|1[0-4]))$/.test(name);
}

const MOUNT_ALIASES = ['src', 'dst', 'destination', 'ro', 'readwrite'];

function check({ model, report }: RuleContext): void {
  const { baseNames, platformChecks } = analyze(model);
  const stageNames = new Set(model.stages.map((s) => s.name).filter((n): n is string => !!n));
  for (const stage of model.stages) {
    if (!stage.base) continue;
    const range = model.range(stage.from, stage.base);
    const resolved = baseNames.get(stage);
    if (stage.base.value.includes('$')) {
      if (resolved === '') report(range, `base name (${stage.base.value}) should not be blank`);
      else if (resolved && !stageNames.has(resolved) && !parseImageReference(resolved)) {
        report(range, `failed to parse stage name ${JSON.stringify(resolved)}: invalid reference format (with the default ARG values; a --build-arg may fix it)`);
      }
    } else if (!stage.parent && stage.base.value !== 'scratch' && !parseImageReference(stage.base.value)) {
      const lower = stage.base.value.toLowerCase();
      const fix = parseImageReference(lower) ? { title: `Change to ${lower}`, edits: [{ range, newText: lower }] } : undefined;
      report(range, `invalid reference format: ${JSON.stringify(stage.base.value)}` + (lower !== stage.base.value ? ' (repository names must be lowercase)' : ''), fix);
    }
  }
  for (const { stage, result } of platformChecks) {
    if (result === null) continue;
    const range = model.range(stage.from, stage.platform!);
    if (result === '') report(range, `empty platform value from expression ${stage.platform!.value}`);
    else if (!parsePlatform(result)) report(range, `failed to parse platform ${stage.platform!.value}: ${JSON.stringify(result)} is not a platform`);
  }
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.name === 'stopsignal' && ins.args.length === 1) {
        const signal = ins.argsText.includes('$') ? analyze(model).expanded.get(ins)?.[0]?.value : ins.argsText;
        if (signal !== null && signal !== undefined && !validSignal(signal)) report(model.range(ins, ins.argsSpan), `invalid signal: ${signal}`);
      }
      if (ins.name === 'volume') {
        for (const word of ins.args) {
          if (!word.value.includes('$')) continue;
          const value = expandSimple(word.value, new Map(), model.ast.escape);
          // Only references nobody defines expand to nothing for sure.
          const defined = analyze(model).uses.some((u) => u.instruction === ins && !u.undefined && u.span.start >= word.start && u.span.end <= word.end);
          if (value !== null && value.trim() === '' && !defined) report(model.range(ins, word), 'VOLUME specified can not be an empty string');
        }
      }
      if (ins.name === 'run') {
        for (const mount of analyze(model).expanded.get(ins) ?? []) {
          if (mount.value === null) continue;
          const fields = new Map(mount.value.split(',').map((f) => [f.split('=')[0].toLowerCase(), f.includes('=') ? f.slice(f.indexOf('=') + 1) : 'true'] as const));
          if (fields.get('type') === 'secret') {
            const has = (...keys: string[]) => keys.some((k) => (fields.get(k) ?? '') !== '');
            if (!has('source', 'src', 'target', 'dst', 'destination', 'id')) report(model.range(ins, mount.span), 'invalid secret mount. one of source, target required');
            else if (has('source', 'src') && has('id')) report(model.range(ins, mount.span), "both source and id can't be set");
          }
        }
        for (const flag of ins.flags) {
          if (flag.name !== 'mount' || !flag.hasValue) continue;
          for (const field of flag.value.split(',')) {
            const key = field.split('=')[0].toLowerCase();
            if (!key || MOUNT_KEYS.includes(key) || MOUNT_ALIASES.includes(key)) continue;
            const match = suggest(key, [...MOUNT_KEYS, ...MOUNT_ALIASES]);
            report(model.range(ins, flag), `unexpected key '${key}' in '${field}'` + (match ? ` (did you mean ${match}?)` : ''));
          }
        }
      }
    }
  }
}
