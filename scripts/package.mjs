// `npm run package`: one platform-specific VSIX per target (vsce --target), each carrying only its
// own engine binary under dist/engines/<target>/. Targets: SHIPSHAPE_VSIX_TARGETS (comma separated
// VS Code targets, or "all"), default this machine's; this machine's VSIX is shipshape-<version>.vsix
// (what npm start and the e2e suite install), the others shipshape-<version>-<target>.vsix.
// Run after `node scripts/build.mjs --minify`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS, buildEngine, hostTarget, placeInDist, sourceHash } from './engine.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const wanted = process.env.SHIPSHAPE_VSIX_TARGETS === 'all' ? Object.keys(TARGETS) : (process.env.SHIPSHAPE_VSIX_TARGETS ?? hostTarget()).split(',').filter(Boolean);
// The host's last, so it is the newest *.vsix.
const targets = [...wanted.filter((t) => t !== hostTarget()), ...wanted.filter((t) => t === hostTarget())];
const hash = sourceHash();
const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
for (const target of targets) {
  const binary = buildEngine(target, hash);
  fs.rmSync(path.join(ROOT, 'dist', 'engines'), { recursive: true, force: true });
  placeInDist(target, binary);
  const out = target === hostTarget() ? `shipshape-${version}.vsix` : `shipshape-${version}-${target}.vsix`;
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--target', target, '--out', out], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(`${out}: ${mb(fs.statSync(path.join(ROOT, out)).size)} MB (engine ${mb(fs.statSync(binary).size)} MB uncompressed)`);
}
// Leave this machine's engine in dist/ for the tests and the CLI.
if (!targets.includes(hostTarget())) placeInDist(hostTarget(), buildEngine(hostTarget(), hash));
