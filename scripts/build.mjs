// Bundles the client, the server and the CLI with esbuild. `--watch` rebuilds on change, `--minify` for the VSIX.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: minify ? false : 'linked',
  minify,
  logLevel: 'warning',
  define: { SHIPSHAPE_VERSION: JSON.stringify(pkg.version) },
  // The ES module build of `yaml` (identical code; its only differences are browser fallbacks for
  // !!binary and warnings): bundled as ESM its exports are plain bindings, where the CommonJS build is
  // reached through an interop getter on every call, measurable in the validation hot path.
  alias: {
    yaml: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)),
    // jsonc-parser's UMD main requires its parts through a factory esbuild cannot follow ('./impl/format' is
    // then missing at run time); its ES module build is the same code with plain imports.
    'jsonc-parser': fileURLToPath(new URL('../node_modules/jsonc-parser/lib/esm/main.js', import.meta.url)),
  },
  // Optional native speed-ups of ssh2/cpu-features (pulled in by dockerode) are not needed and not bundled.
  external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
};

export const entries = [
  // `navigator` is a Node 21+ global that VS Code's extension host guards: any read logs a
  // PendingMigrationError. Bundled OIDC code (oauth4webapi, openid-client) reads it at load to tell a
  // browser from Node; defined away, it takes its Node path as on Node 20, and activation logs no errors.
  // The client: its core (activate(), the language client) and the parts it loads on first use, each a
  // CommonJS bundle of its own (client/src/parts/part.ts). Code the parts share with each other is in both;
  // state they share is the core's, handed to them when they load (parts/host.ts).
  // dist/main.js, the package's entry, only loads dist/extension.js through a V8 code cache (client/src/main.ts).
  ...['main', 'extension', 'kubernetes', 'docker'].map((name) => ({
    entryPoints: [name === 'main' || name === 'extension' ? `client/src/${name}.ts` : `client/src/${name}/index.ts`],
    outfile: `dist/${name}.js`,
    external: [...common.external, 'vscode'],
    define: { ...common.define, navigator: 'undefined' },
  })),
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry, external: entry.external ?? common.external })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  console.log('esbuild: watching');
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
