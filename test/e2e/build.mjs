// Bundles the e2e suite (test/e2e/suite) into dist/test/e2e/suite/index.js for VS Code's extension host.
// `vscode` is provided by the host; mocha is bundled so the suite has no runtime lookups.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
await esbuild.build({
  absWorkingDir: repo,
  entryPoints: ['test/e2e/suite/index.ts'],
  outfile: 'dist/test/e2e/suite/index.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // Mocha's parallel mode (worker files found with require.resolve) is not used in the extension host.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
