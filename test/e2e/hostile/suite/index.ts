// extensionTestsPath of the hostile-workspace run (an untrusted folder): the same mocha wiring as
// ../../suite/index.ts, with this suite's one test file.
import { runMocha } from '../../suite/run-mocha';

export function run(): Promise<void> {
  return runMocha('shipshape-e2e-untrusted', () => require('./untrusted.test'), { screenshotPrefix: 'failed-untrusted-' });
}
