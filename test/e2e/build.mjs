// Bundles the e2e suite (test/e2e/suite) into dist/test/e2e/suite/index.js for VS Code's extension host.
// `vscode` is provided by the host; mocha is bundled so the suite has no runtime lookups.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
await esbuild.build({
  absWorkingDir: repo,
  // The main suite, the hostile-workspace suite run in an untrusted folder, the multi-root workspace's, and the cold open's.
  entryPoints: {
    'suite/index': 'test/e2e/suite/index.ts',
    'hostile/index': 'test/e2e/hostile/suite/index.ts',
    'multi-root/index': 'test/e2e/multi-root/suite/index.ts',
    'cold-open/index': 'test/e2e/cold-open/suite/index.ts',
  },
  outdir: 'dist/test/e2e',
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
