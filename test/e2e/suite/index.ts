/// <reference types="mocha" />
// Entry point VS Code loads as extensionTestsPath: runs the mocha suite inside the extension host.
// Works the same under code-server (test/infra/vscode/run-extension-tests.mjs) and desktop VS Code
// (@vscode/test-electron, test/e2e/run-electron.mjs). Test files are listed here, not globbed,
// because everything is bundled into this one file (dist/test/e2e/suite/index.js).
import Mocha from 'mocha';
import { format } from 'node:util';
import { E2E_PREFIX, reportResult, screenshot } from './channel';

const testFiles = [
  () => require('./activation.test'),
  () => require('./examples.test'),
  () => require('./diagnostics.test'),
  () => require('./editing.test'),
  () => require('./snippets.test'),
  () => require('./commands.test'),
  () => require('./views.test'),
  () => require('./docker.test'),
  () => require('./cluster.test'),
  () => require('./first-hour.test'),
];

export function run(): Promise<void> {
  // Reporter output is marked so the code-server runner can tell it from the workbench's own log.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(E2E_PREFIX + format(...args));
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, grep: process.env.SHIPSHAPE_E2E_GREP });
  // Define describe/it on the global object, then evaluate the (lazily bundled) test modules.
  mocha.suite.emit('pre-require', globalThis, 'shipshape-e2e', mocha);
  // A failing test leaves a picture of the workbench at that moment (code-server runner only).
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed') await screenshot(`failed-${test.fullTitle()}`.slice(0, 100)).catch(() => {});
  });
  for (const load of testFiles) load();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      reportResult({ passed: stats.passes, failed: stats.failures, skipped: stats.pending });
      if (failures > 0) reject(new Error(`${failures} e2e test(s) failed`));
      else resolve();
    });
  });
}
