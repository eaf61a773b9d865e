import { finding, type Finding } from '../../core/diagnostics';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { valueAt } from '../walk';

/** A list-form healthcheck.test must start with CMD, CMD-SHELL or NONE (compose-go rejects the file otherwise). */
export const healthcheckTestRule: ComposeRule = {
  id: 'InvalidHealthcheckTest',
  severity: 'error',
  doc: 'healthcheck.test as a list must start with "CMD", "CMD-SHELL" or "NONE".',
  check({ compose }) {
    const findings: Finding[] = [];
    for (const [name, def] of servicesOf(compose)) {
      const test = valueAt(def, 'healthcheck', 'test');
      if (!Array.isArray(test) || test.length === 0) continue;
      if (['CMD', 'CMD-SHELL', 'NONE'].includes(String(test[0]))) continue;
      findings.push(finding('InvalidHealthcheckTest', 'error', rangeAt(compose, ['services', name, 'healthcheck', 'test', 0]),
        `healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE", not "${String(test[0])}".`));
    }
    return findings;
  },
};
