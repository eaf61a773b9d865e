import { isJsonMap, type Json } from '../document';
import { rangeAt, type ComposeRule } from '../rule';
import { hasOwn } from '../../core/own';

type Cast = 'int' | 'float' | 'bool' | 'uint';

// compose-go loader/interpolate.go: attributes whose interpolated text is converted to a number or boolean.
// `*` is any key, `#` any list index. cpus is left to InvalidCpus.
const SERVICE_CASTS: [string, Cast][] = [
  ['cpu_count', 'int'],
  ['cpu_percent', 'float'],
  ['cpu_period', 'int'],
  ['cpu_quota', 'int'],
  ['cpu_rt_period', 'int'],
  ['cpu_rt_runtime', 'int'],
  ['cpu_shares', 'int'],
  ['init', 'bool'],
  ['networks.*.use_service_name_alias', 'bool'],
  ['oom_kill_disable', 'bool'],
  ['oom_score_adj', 'int'],
  ['pids_limit', 'int'],
  ['privileged', 'bool'],
  ['read_only', 'bool'],
  ['umask', 'uint'],
  ['ulimits.*', 'int'],
  ['ulimits.*.hard', 'int'],
  ['ulimits.*.soft', 'int'],
  ['volumes.#.read_only', 'bool'],
  ['volumes.#.volume.nocopy', 'bool'],
  ['depends_on.*.required', 'bool'],
  ['depends_on.*.restart', 'bool'],
  ['healthcheck.retries', 'int'],
  ['healthcheck.disable', 'bool'],
  ['ports.#.target', 'int'],
  ['stdin_open', 'bool'],
  ['tty', 'bool'],
  ['deploy.replicas', 'int'],
  ['deploy.update_config.parallelism', 'int'],
  ['deploy.update_config.max_failure_ratio', 'float'],
  ['deploy.rollback_config.parallelism', 'int'],
  ['deploy.rollback_config.max_failure_ratio', 'float'],
  ['deploy.restart_policy.max_attempts', 'int'],
  ['deploy.placement.max_replicas_per_node', 'int'],
  ['scale', 'int'],
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

interface Trie {
  cast?: Cast;
  children: Map<string, Trie>;
}

/** The cast patterns as a tree, so the model is walked once, not once per pattern. */
const TRIE: Trie = { children: new Map() };
for (const [pattern, cast] of CASTS) {
  let node = TRIE;
  for (const part of pattern) {
    let next = node.children.get(part);
    if (!next) node.children.set(part, (next = { children: new Map() }));
    node = next;
  }
  node.cast = cast;
}

function walk(value: Json | undefined, node: Trie, at: (string | number)[], out: [(string | number)[], Json, Cast][]): void {
  if (node.cast && value !== undefined) out.push([at, value, node.cast]);
  if (!node.children.size) return;
  if (Array.isArray(value)) {
    const any = node.children.get('#');
    if (any) value.forEach((item, i) => walk(item, any, [...at, i], out));
    return;
  }
  if (!isJsonMap(value)) return;
  const any = node.children.get('*');
  for (const [key, child] of node.children) {
    if (key !== '*' && key !== '#' && hasOwn(value, key)) walk(value[key], child, [...at, key], out);
  }
  if (any) for (const key of Object.keys(value)) walk(value[key], any, [...at, key], out);
}

/**
 * A string where compose-go needs a number or boolean: its interpolation step converts every string at these
 * attributes (with or without a variable) and fails with "failed to cast to expected type".
 */
export const invalidInterpolatedValueRule: ComposeRule = {
  id: 'InvalidInterpolatedValue',
  severity: 'error',
  doc: 'A value that docker compose converts to a number or boolean is a string it cannot convert (often an empty variable).',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    const interpolated = new Set(compose.uses.map((u) => u.path.join('\u0000')));
    const found: [(string | number)[], Json, Cast][] = [];
    walk(compose.model, TRIE, [], found);
    for (const [path, value, cast] of found) {
      if (typeof value !== 'string' || VALID[cast].test(value)) continue;
      const how = interpolated.has(path.join('\u0000')) ? ' after interpolation' : '';
      report(rangeAt(compose, path), `${path.join('.')} is "${value}"${how}, but must be ${WHAT[cast]}.`);
    }
  },
};
