import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { valueAt } from '../walk';

/** A list-form healthcheck.test must start with CMD, CMD-SHELL or NONE (compose-go rejects the file otherwise). */
export const invalidHealthcheckTestRule: ComposeRule = {
  id: 'InvalidHealthcheckTest',
  severity: 'error',
  doc: 'healthcheck.test as a list must start with "CMD", "CMD-SHELL" or "NONE".',
  appliesTo: 'enabled-services',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const test = valueAt(def, 'healthcheck', 'test');
      if (!Array.isArray(test) || test.length === 0) continue;
      if (['CMD', 'CMD-SHELL', 'NONE'].includes(String(test[0]))) continue;
      report(rangeAt(compose, ['services', name, 'healthcheck', 'test', 0]), `healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE", not "${String(test[0])}".`);
    }
  },
};
