import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/** `restart:` values the Docker engine accepts; compose only finds out at `up`. */
export const invalidRestartPolicyRule: ComposeRule = {
  id: 'InvalidRestartPolicy',
  severity: 'error',
  doc: 'restart is not "no", "always", "on-failure[:max-retries]" or "unless-stopped"; docker compose up would fail.',
  appliesTo: 'file',
  tool: 'compose',
  atUp: true,
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const value = def.restart;
      if (typeof value !== 'string' || /^(no|always|unless-stopped|on-failure(:\d+)?)$/.test(value)) continue;
      report(rangeAt(compose, ['services', name, 'restart']), `Invalid restart policy "${value}": use "no", "always", "on-failure", "on-failure:N" or "unless-stopped".`);
    }
  },
};
