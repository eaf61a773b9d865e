import { isJsonMap, type Json } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { durationError, GO_DURATION_UNITS } from '../values';

type Check = (value: Json, deploy: Record<string, Json>) => string | undefined;

const oneOf =
  (allowed: readonly string[], what: (v: string) => string): Check =>
  (value) =>
    typeof value === 'string' && value !== '' && !allowed.includes(value) ? `${what(value)}; use ${allowed.map((a) => `"${a}"`).join(', ')}` : undefined;

const failureAction = oneOf(['pause', 'continue', 'rollback'], (v) => `unrecognized update failure action ${v} (swarm manager)`);
const ratio: Check = (value) => (typeof value === 'number' && (value < 0 || value > 1) ? 'update-maxfailureratio cannot be less than 0 or bigger than 1 (swarm manager)' : undefined);
const notNegative =
  (what: string): Check =>
  (value) =>
    typeof value === 'string' && !durationError(value, GO_DURATION_UNITS) && /^-/.test(value) && !/^-0+(?:\.0*)?[a-zµμ]*$/.test(value) ? `${what} cannot be negative (swarm manager)` : undefined;
const cpus: Check = (value) => {
  if (typeof value !== 'string' || value === '') return undefined;
  const nano = nanoCpus(value);
  if (nano === undefined) return `cpus "${value}" is not a number docker can read (opts.ParseCPUs), e.g. "0.5"`;
  if (nano !== 0 && nano < 1e6) return `invalid cpu value ${value}: Must be at least 0.001 (swarm manager)`;
  return undefined;
};
const memory: Check = (value) => {
  const bytes = typeof value === 'number' ? value : typeof value === 'string' ? ramInBytes(value) : undefined;
  return bytes !== undefined && bytes !== 0 && bytes < 4 * 1024 * 1024 ? `invalid memory value ${bytes}: Must be at least 4MiB (swarm manager)` : undefined;
};

/**
 * What docker/cli's converter (cli/compose/convert/service.go) and the swarm manager (moby daemon/cluster/convert,
 * swarmkit manager/controlapi validateServiceSpec) refuse in a deploy section the schema lets through.
 */
const CHECKS: [string[], Check][] = [
  [['mode'], oneOf(['replicated', 'global', 'replicated-job', 'global-job'], (v) => `Unknown mode: ${v} (docker/cli)`)],
  [['replicas'], (_, deploy) => (deploy.mode === 'global' || deploy.mode === 'global-job' ? `replicas can only be used with replicated or replicated-job mode, not ${String(deploy.mode)} (docker/cli)` : undefined)],
  [['endpoint_mode'], (value) => (typeof value === 'string' && value !== '' && !['vip', 'dnsrr'].includes(value.toLowerCase()) ? `invalid resolution mode: "${value}" (swarm manager); use "vip" or "dnsrr"` : undefined)],
  [['restart_policy', 'condition'], oneOf(['none', 'on-failure', 'any'], (v) => `invalid RestartCondition: "${v}" (swarm manager; "${v}" is a docker compose restart value)`)],
  [['restart_policy', 'delay'], notNegative('restart-delay')],
  [['restart_policy', 'window'], notNegative('restart-window')],
  [['update_config'], (_, deploy) => (deploy.mode === 'replicated-job' || deploy.mode === 'global-job' ? 'Jobs may not have an update config (swarm manager)' : undefined)],
  [['update_config', 'failure_action'], failureAction],
  [['update_config', 'max_failure_ratio'], ratio],
  [['update_config', 'delay'], notNegative('update-delay')],
  [['update_config', 'monitor'], notNegative('update-monitor')],
  [['rollback_config', 'failure_action'], failureAction],
  [['rollback_config', 'max_failure_ratio'], ratio],
  [['rollback_config', 'delay'], notNegative('rollback-delay')],
  [['rollback_config', 'monitor'], notNegative('rollback-monitor')],
  [['resources', 'limits', 'cpus'], cpus],
  [['resources', 'reservations', 'cpus'], cpus],
  [['resources', 'limits', 'memory'], memory],
  [['resources', 'reservations', 'memory'], memory],
];

export const stackDeployValueRule: ComposeRule = {
  id: 'StackDeployValue',
  severity: 'error',
  doc: 'A deploy value docker stack deploy or the swarm manager refuses: an unknown mode or restart condition (unless-stopped), replicas with global, a failure ratio above 1, under 4MiB of memory…',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const deploy = def.deploy;
      if (!isJsonMap(deploy)) continue;
      for (const [keys, check] of CHECKS) {
        let value: Json | undefined = deploy;
        for (const key of keys) value = isJsonMap(value) && Object.hasOwn(value, key) ? value[key] : undefined;
        if (value === undefined || value === null) continue;
        const problem = check(value, deploy);
        if (problem) report(rangeAt(compose, ['services', name, 'deploy', ...keys], keys[keys.length - 1] === 'update_config' ? 'key' : 'value'), `deploy.${keys.join('.')}: ${problem}.`);
      }
    }
  },
};

/** opts.ParseCPUs: a rational number of CPUs, in whole nanoCPUs. */
function nanoCpus(value: string): number | undefined {
  if (!/^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim())) return undefined;
  const nano = Number(value) * 1e9;
  return Number.isFinite(nano) ? nano : undefined;
}

/** docker/go-units RAMInBytes (binary multiples): `512m`, `1g`, `4MiB`; undefined when it does not parse (InvalidByteSize says so). */
function ramInBytes(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!m) return undefined;
  const power = m[2] ? 'kmgtp'.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.floor(Number(m[1]) * 1024 ** power);
}
