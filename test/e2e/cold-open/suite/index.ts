// extensionTestsPath of the cold-open run (test/e2e/cold-open/workspace, a fresh window): the same mocha
// wiring as ../../suite/index.ts, with this suite's one test file.
import { runMocha } from '../../suite/run-mocha';

export function run(): Promise<void> {
  return runMocha('shipshape-e2e-cold-open', () => require('./cold-open.test'), { screenshotPrefix: 'failed-cold-open-', grep: process.env.SHIPSHAPE_E2E_GREP });
}
