// The mocha wiring of an extensionTestsPath module (suite/index.ts's, shared by the other runs: the hostile
// workspace's, the multi-root workspace's): reporter output marked for the code-server runner, a screenshot of
// each failing test, the counts reported back.
import Mocha from 'mocha';
import { format } from 'node:util';
import { E2E_PREFIX, reportResult, screenshot } from './channel';

export function runMocha(name: string, load: () => void, options: { screenshotPrefix: string; grep?: string }): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(E2E_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, grep: options.grep });
  mocha.suite.emit('pre-require', globalThis, name, mocha);
  mocha.suite.afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(`${options.screenshotPrefix}${this.currentTest.fullTitle()}`.slice(0, 100)).catch(() => {});
  });
  load();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      reportResult({ passed: stats.passes, failed: stats.failures, skipped: stats.pending });
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
