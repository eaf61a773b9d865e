import { nodeRange } from '../../json/parse';
import { items, property } from '../model';
import type { EcsRule } from '../rule';

/** The limits the HealthCheck documentation states, in seconds (retries: a count). */
const LIMITS: Record<string, [number, number]> = { interval: [5, 300], timeout: [2, 120], retries: [1, 10], startPeriod: [0, 300] };

export const healthCheckRule: EcsRule = {
  id: 'EcsHealthCheck',
  severity: 'error',
  doc: 'A container healthCheck within the documented limits (interval 5–300 s, timeout 2–120 s, retries 1–10, startPeriod 0–300 s), its command starting with CMD or CMD-SHELL.',
  appliesTo: 'task',
  check({ def, report }) {
    const document = def.file.document;
    for (const { node } of def.containers) {
      const check = property(node, 'healthCheck');
      if (check?.type !== 'object') continue;
      for (const [key, [min, max]] of Object.entries(LIMITS)) {
        const value = property(check, key);
        if (value?.type !== 'number' || (value.value >= min && value.value <= max)) continue;
        report(nodeRange(document, value), `healthCheck ${key} is ${value.value}; ECS takes ${min}–${max}${key === 'retries' ? '' : ' seconds'}.`);
      }
      const first = items(property(check, 'command'))[0];
      if (first?.type === 'string' && first.value !== 'CMD' && first.value !== 'CMD-SHELL') {
        report(nodeRange(document, first), `healthCheck command starts with "${first.value}"; it must start with "CMD" (exec form) or "CMD-SHELL" (through the container's shell).`);
      }
    }
  },
};
