// Builds the Go engine (engines/) from the Go module proxy into a cache keyed by its sources:
//   ${SHIPSHAPE_CACHE:-~/.cache/shipshape}/engines/<hash>/<target>/shipshape-engine[.exe]
// and prints that path. Options:
//   --targets linux-x64,darwin-arm64,…  VS Code targets to cross-compile (default: this machine's)
//   --dist    also copy each into dist/engines/<target>/, where the bundled server looks
//   --helm    also build the real `helm` CLI at the same version from the same go.mod (the oracle)
// Nothing is downloaded but Go modules; a second run with the same sources builds nothing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINES = path.join(ROOT, 'engines');

/** VS Code's platform-specific VSIX targets (vsce --target), as Go sees them. */
export const TARGETS = {
  'linux-x64': ['linux', 'amd64'],
  'linux-arm64': ['linux', 'arm64'],
  'linux-armhf': ['linux', 'arm'],
  'alpine-x64': ['linux', 'amd64'],
  'alpine-arm64': ['linux', 'arm64'],
  'darwin-x64': ['darwin', 'amd64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'win32-x64': ['windows', 'amd64'],
  'win32-arm64': ['windows', 'arm64'],
};

export const hostTarget = () => `${process.platform}-${process.arch}`;
export const binaryName = (target) => (target.startsWith('win32-') ? 'shipshape-engine.exe' : 'shipshape-engine');

function goVersion() {
  const r = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env: goEnv() });
  if (r.error || r.status !== 0) throw new Error('building the engine needs Go (https://go.dev/dl/; this repository pins go.mod at 1.26): ' + (r.error?.message ?? r.stderr));
  return r.stdout.trim();
}

function goEnv(extra = {}) {
  return { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-trimpath -buildvcs=false -mod=readonly', ...extra };
}

/** The hash of everything that goes into the binary: sources, go.mod/go.sum, the Go version. */
export function sourceHash() {
  const hash = createHash('sha256').update(goVersion());
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.go$|^go\.(mod|sum)$/.test(entry.name)) hash.update(path.relative(ENGINES, full)).update(fs.readFileSync(full));
    }
  };
  walk(ENGINES);
  return hash.digest('hex').slice(0, 16);
}

export function cacheDir(hash) {
  return path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'engines', hash);
}

function helmVersion() {
  const m = /^\s*helm\.sh\/helm\/v4 (v\S+)/m.exec(fs.readFileSync(path.join(ENGINES, 'go.mod'), 'utf8'));
  if (!m) throw new Error('engines/go.mod does not require helm.sh/helm/v4');
  return m[1];
}

function goBuild(target, out, pkg, ldflags) {
  if (fs.existsSync(out)) return out;
  const [goos, goarch] = TARGETS[target] ?? [];
  if (!goos) throw new Error(`unknown target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const started = Date.now();
  process.stderr.write(`engine: building ${pkg} for ${target} (the first build fetches modules and takes minutes)\n`);
  const r = spawnSync('nice', ['-n', '10', 'go', 'build', `-ldflags=${ldflags}`, '-o', tmp, pkg], {
    cwd: ENGINES,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: goEnv({ GOOS: goos, GOARCH: goarch, ...(goarch === 'arm' ? { GOARM: '7' } : {}) }),
  });
  if (r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`go build of ${pkg} for ${target} failed${r.error ? ': ' + r.error.message : ''}`);
  }
  fs.renameSync(tmp, out); // atomic: a concurrent or interrupted build never leaves half a binary
  process.stderr.write(`engine: built ${path.basename(out)} for ${target} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return out;
}

/** Builds (or finds) the engine for a target; returns its path in the cache. */
export function buildEngine(target = hostTarget(), hash = sourceHash()) {
  const out = path.join(cacheDir(hash), target, binaryName(target));
  return goBuild(target, out, '.', `-s -w -X main.Version=${hash}`);
}

/** Builds (or finds) the real helm CLI from the engine's own go.mod: the version the engine renders with. */
export function buildHelm(target = hostTarget(), hash = sourceHash()) {
  const out = path.join(cacheDir(hash), target, target.startsWith('win32-') ? 'helm.exe' : 'helm');
  return goBuild(target, out, 'helm.sh/helm/v4/cmd/helm', `-s -w -X helm.sh/helm/v4/internal/version.version=${helmVersion()}`);
}

/** The kustomize CLI the oracle compares with: v5.8.2 is the release built on the engine's sigs.k8s.io/kustomize/api v0.21.2 (v5.8.3 needs go1.27). */
export const KUSTOMIZE_CLI_VERSION = 'v5.8.2';

/** Builds (or finds) the real `kustomize` CLI from the Go module proxy, cached by version (its own go.mod, not the engine's). */
export function buildKustomize(target = hostTarget()) {
  const dir = path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'kustomize', KUSTOMIZE_CLI_VERSION, target);
  const out = path.join(dir, target.startsWith('win32-') ? 'kustomize.exe' : 'kustomize');
  if (fs.existsSync(out)) return out;
  goVersion();
  const [goos, goarch] = TARGETS[target] ?? [];
  fs.mkdirSync(dir, { recursive: true });
  const gobin = fs.mkdtempSync(path.join(dir, 'build-'));
  process.stderr.write(`engine: building kustomize ${KUSTOMIZE_CLI_VERSION} for ${target}\n`);
  // `go install module@version` builds with the module's own go.mod; GOBIN only for the host's target.
  const r = spawnSync('nice', ['-n', '10', 'go', 'install', '-ldflags=-s -w', `sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_CLI_VERSION}`], {
    cwd: os.tmpdir(),
    stdio: ['ignore', 'inherit', 'inherit'],
    env: goEnv({ GOFLAGS: '-trimpath -buildvcs=false', GOBIN: gobin, GOOS: goos, GOARCH: goarch }),
  });
  if (r.status !== 0) throw new Error(`go install of kustomize ${KUSTOMIZE_CLI_VERSION} failed${r.error ? ': ' + r.error.message : ''}`);
  fs.renameSync(path.join(gobin, path.basename(out)), out);
  fs.rmSync(gobin, { recursive: true, force: true });
  return out;
}

/** Copies a built engine to dist/engines/<target>/, where the bundled server looks first. */
export function placeInDist(target, binary) {
  const dir = path.join(ROOT, 'dist', 'engines', target);
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, binaryName(target));
  fs.copyFileSync(binary, `${dest}.tmp`);
  fs.chmodSync(`${dest}.tmp`, 0o755);
  fs.renameSync(`${dest}.tmp`, dest);
  return dest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const targets = (option('--targets') ?? hostTarget()).split(',').filter(Boolean);
  try {
    const hash = sourceHash();
    for (const target of targets) {
      const binary = buildEngine(target, hash);
      console.log(args.includes('--dist') ? placeInDist(target, binary) : binary);
      if (args.includes('--helm')) console.log(buildHelm(target, hash));
    }
  } catch (error) {
    console.error(`engine: ${error.message}`);
    process.exit(1);
  }
}
