import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { durationError, GO_DURATION_UNITS } from '../values';
import { valueAt } from '../walk';

const PATHS = [
  ['healthcheck', 'interval'],
  ['healthcheck', 'timeout'],
  ['healthcheck', 'start_period'],
  ['healthcheck', 'start_interval'],
  ['stop_grace_period'],
  ['deploy', 'restart_policy', 'delay'],
  ['deploy', 'restart_policy', 'window'],
  ['deploy', 'update_config', 'delay'],
  ['deploy', 'update_config', 'monitor'],
  ['deploy', 'rollback_config', 'delay'],
  ['deploy', 'rollback_config', 'monitor'],
];

/** Durations (healthcheck, stop_grace_period, deploy delays) in Go's syntax plus d and w, e.g. `1m30s`. */
export const invalidDurationRule: ComposeRule = {
  id: 'InvalidDuration',
  severity: 'error',
  doc: 'A duration docker compose cannot parse; write it like "30s", "1m30s" or "2h".',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const keys of PATHS) {
        const value = valueAt(def, ...keys);
        if (typeof value !== 'string') continue;
        // docker stack deploy parses them with Go's time.ParseDuration (docker/cli schema's duration format): no d or w.
        const error = compose.stack ? durationError(value, GO_DURATION_UNITS) : durationError(value);
        if (error) report(rangeAt(compose, ['services', name, ...keys]), `${keys.join('.')}: ${error}.`);
      }
    }
  },
};
