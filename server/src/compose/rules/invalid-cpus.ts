import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { cpusError } from '../values';
import { valueAt } from '../walk';

const PATHS = [['cpus'], ['deploy', 'resources', 'limits', 'cpus'], ['deploy', 'resources', 'reservations', 'cpus']];

/** CPU counts must be numbers ("0.5"), never units or words. */
export const invalidCpusRule: ComposeRule = {
  id: 'InvalidCpus',
  severity: 'error',
  doc: 'cpus is not a number docker compose can read, e.g. "0.5".',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const keys of PATHS) {
        const value = valueAt(def, ...keys);
        if (typeof value === 'number' && value < 0) report(rangeAt(compose, ['services', name, ...keys]), `${keys.join('.')} must not be negative.`);
        if (typeof value !== 'string') continue;
        const error = cpusError(value);
        if (error) report(rangeAt(compose, ['services', name, ...keys]), `${keys.join('.')}: ${error}.`);
      }
    }
  },
};
