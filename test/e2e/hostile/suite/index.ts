// extensionTestsPath of the hostile-workspace run (an untrusted folder): the same mocha wiring as
// ../../suite/index.ts, with this suite's one test file.
import Mocha from 'mocha';
import { format } from 'node:util';
import { E2E_PREFIX, reportResult, screenshot } from '../../suite/channel';

export function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(E2E_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'shipshape-e2e-untrusted', mocha);
  mocha.suite.afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(`failed-untrusted-${this.currentTest.fullTitle()}`.slice(0, 100)).catch(() => {});
  });
  require('./untrusted.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      reportResult({ passed: stats.passes, failed: stats.failures, skipped: stats.pending });
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
