import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { byteSizeError } from '../values';
import { valueAt } from '../walk';

const PATHS = [['mem_limit'], ['mem_reservation'], ['memswap_limit'], ['shm_size'], ['build', 'shm_size'], ['deploy', 'resources', 'limits', 'memory'], ['deploy', 'resources', 'reservations', 'memory']];

/** Byte sizes (mem_limit, shm_size…) as docker/go-units reads them: bytes or a b/k/m/g/t/p suffix. */
export const invalidByteSizeRule: ComposeRule = {
  id: 'InvalidByteSize',
  severity: 'error',
  doc: 'A memory or size value docker compose cannot parse; write it like "512m" or "2g".',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const keys of PATHS) {
        const value = valueAt(def, ...keys);
        if (typeof value !== 'string' || value === '-1') continue;
        const error = byteSizeError(value);
        if (error) report(rangeAt(compose, ['services', name, ...keys]), `${keys.join('.')}: ${error}.`);
      }
    }
  },
};
