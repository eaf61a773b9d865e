import { finding, type Finding } from '../../core/diagnostics';
import type { YamlPath } from '../../yaml/parse';
import { rangeAt, type ComposeRule } from '../rule';
import { valueAt } from '../walk';

type Cast = 'int' | 'float' | 'bool' | 'uint';

// compose-go loader/interpolate.go: attributes whose interpolated text is converted to a number or boolean.
// `*` is any key, `#` any list index. cpus is left to InvalidCpus.
const SERVICE_CASTS: [string, Cast][] = [
  ['cpu_count', 'int'], ['cpu_percent', 'float'], ['cpu_period', 'int'], ['cpu_quota', 'int'], ['cpu_rt_period', 'int'],
  ['cpu_rt_runtime', 'int'], ['cpu_shares', 'int'], ['init', 'bool'], ['networks.*.use_service_name_alias', 'bool'],
  ['oom_kill_disable', 'bool'], ['oom_score_adj', 'int'], ['pids_limit', 'int'], ['privileged', 'bool'], ['read_only', 'bool'],
  ['umask', 'uint'], ['ulimits.*', 'int'], ['ulimits.*.hard', 'int'], ['ulimits.*.soft', 'int'], ['volumes.#.read_only', 'bool'],
  ['volumes.#.volume.nocopy', 'bool'], ['depends_on.*.required', 'bool'], ['depends_on.*.restart', 'bool'],
  ['healthcheck.retries', 'int'], ['healthcheck.disable', 'bool'], ['ports.#.target', 'int'], ['stdin_open', 'bool'], ['tty', 'bool'],
  ['deploy.replicas', 'int'], ['deploy.update_config.parallelism', 'int'], ['deploy.update_config.max_failure_ratio', 'float'],
  ['deploy.rollback_config.parallelism', 'int'], ['deploy.rollback_config.max_failure_ratio', 'float'],
  ['deploy.restart_policy.max_attempts', 'int'], ['deploy.placement.max_replicas_per_node', 'int'], ['scale', 'int'],
];
const CASTS: [string[], Cast][] = [
  ...SERVICE_CASTS.map(([p, c]): [string[], Cast] => [['services', '*', ...p.split('.')], c]),
  ...SERVICE_CASTS.map(([p, c]): [string[], Cast] => [['jobs', '*', ...p.split('.')], c]),
  ...['external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6'].map((k): [string[], Cast] => [['networks', '*', k], 'bool']),
  ...['volumes', 'secrets', 'configs'].map((k): [string[], Cast] => [[k, '*', 'external'], 'bool']),
];

const VALID: Record<Cast, RegExp> = {
  int: /^[-+]?\d+$/,
  uint: /^(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/,
  float: /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$/i,
  bool: /^(true|false|y|yes|on|n|no|off)$/i,
};
const WHAT: Record<Cast, string> = { int: 'an integer', uint: 'an unsigned integer', float: 'a number', bool: 'true or false' };

function matches(pattern: string[], path: YamlPath): boolean {
  return pattern.length === path.length && pattern.every((p, i) => (p === '*' ? typeof path[i] === 'string' : p === '#' ? typeof path[i] === 'number' : p === path[i]));
}

/** An interpolated value where compose-go needs a number or boolean: "failed to cast to expected type". */
export const interpolatedTypeRule: ComposeRule = {
  id: 'InvalidInterpolatedValue',
  severity: 'error',
  doc: 'After interpolation, a value that must be a number or boolean is not one (often an unset variable).',
  check({ compose }) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const use of compose.uses) {
      const key = use.path.join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      const cast = CASTS.find(([pattern]) => matches(pattern, use.path))?.[1];
      if (!cast) continue;
      const value = valueAt(compose.model, ...use.path);
      if (typeof value !== 'string' || VALID[cast].test(value)) continue;
      findings.push(finding('InvalidInterpolatedValue', 'error', rangeAt(compose, use.path), `${use.path.join('.')} is "${value}" after interpolation, but must be ${WHAT[cast]}.`));
    }
    return findings;
  },
};
