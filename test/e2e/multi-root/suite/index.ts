// extensionTestsPath of the multi-root run (test/e2e/multi-root/workspace/multi-root.code-workspace, opened with
// `?workspace=`): the same mocha wiring as ../../suite/index.ts, with this suite's one test file.
import { runMocha } from '../../suite/run-mocha';

export function run(): Promise<void> {
  return runMocha('shipshape-e2e-multi-root', () => require('./per-folder-settings.test'), { screenshotPrefix: 'failed-multi-root-', grep: process.env.SHIPSHAPE_E2E_GREP });
}
