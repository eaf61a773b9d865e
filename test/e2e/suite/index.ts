/// <reference types="mocha" />
// Entry point VS Code loads as extensionTestsPath: runs the mocha suite inside the extension host.
// Works the same under code-server (test/infra/vscode/run-extension-tests.mjs) and desktop VS Code
// (@vscode/test-electron, test/e2e/run-electron.mjs). Test files are listed here, not globbed,
// because everything is bundled into this one file (dist/test/e2e/suite/index.js).
import { runMocha } from './run-mocha';

const testFiles = [
  () => require('./activation.test'),
  () => require('./examples.test'),
  () => require('./diagnostics.test'),
  () => require('./workspace.test'),
  () => require('./editing.test'),
  () => require('./snippets.test'),
  () => require('./commands.test'),
  () => require('./views.test'),
  () => require('./docker.test'),
  () => require('./swarm.test'),
  () => require('./cluster.test'),
  () => require('./first-hour.test'),
];

export function run(): Promise<void> {
  return runMocha(
    'shipshape-e2e',
    () => {
      for (const load of testFiles) load();
    },
    { screenshotPrefix: 'failed-', grep: process.env.SHIPSHAPE_E2E_GREP },
  );
}
