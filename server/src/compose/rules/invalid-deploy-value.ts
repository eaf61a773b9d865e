import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { valueAt } from '../walk';

const ALLOWED: [string[], string[]][] = [
  [
    ['deploy', 'mode'],
    ['replicated', 'global', 'replicated-job', 'global-job'],
  ],
  [
    ['deploy', 'restart_policy', 'condition'],
    ['none', 'on-failure', 'any'],
  ],
  [
    ['deploy', 'endpoint_mode'],
    ['vip', 'dnsrr'],
  ],
  [
    ['deploy', 'update_config', 'failure_action'],
    ['continue', 'rollback', 'pause'],
  ],
  [
    ['deploy', 'update_config', 'order'],
    ['start-first', 'stop-first'],
  ],
];

/** deploy.mode, deploy.restart_policy.condition and friends: values the engine and Swarm accept. */
export const invalidDeployValueRule: ComposeRule = {
  id: 'InvalidDeployValue',
  severity: 'error',
  doc: 'deploy.mode, deploy.restart_policy.condition (or another deploy enum) has a value the engine rejects.',
  appliesTo: 'file',
  tool: 'compose',
  atUp: true,
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const [keys, allowed] of ALLOWED) {
        const value = valueAt(def, ...keys);
        if (typeof value !== 'string' || allowed.includes(value)) continue;
        report(rangeAt(compose, ['services', name, ...keys]), `${keys.join('.')}: "${value}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
      }
    }
  },
};
