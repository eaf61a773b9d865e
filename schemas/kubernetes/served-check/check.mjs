#!/usr/bin/env node
// Checks the generator's `offByDefault` (read from the Go source) against DefaultAPIResourceConfigSource() itself:
// builds main.go in a temporary module with the go.mod/go.sum of a directory that pins k8s.io/kubernetes
// (test/infra/kube/go for 1.36.3, test/infra/kube/go-1.33 for 1.33.13), runs it, and compares per bundled kind.
// apiextensions.k8s.io and apiregistration.k8s.io are served by their own servers, not by this configuration.
// A cold build takes ~6 minutes on 2 cores (it compiles every registry package); it runs under nice.
//
// Usage: node schemas/kubernetes/served-check/check.mjs test/infra/kube/go [test/infra/kube/go-1.33 ...]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OWN_SERVERS = new Set(['apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1']);
let failed = false;
for (const moduleDir of process.argv.slice(2)) {
  const goMod = readFileSync(join(resolve(moduleDir), 'go.mod'), 'utf8');
  const version = /^\s*k8s\.io\/kubernetes (v\d+\.\d+\.\d+)/m.exec(goMod)?.[1];
  if (!version) throw new Error(`${moduleDir}/go.mod does not require k8s.io/kubernetes`);
  const minor = version.slice(1).split('.').slice(0, 2).join('.');
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-served-'));
  try {
    writeFileSync(join(dir, 'go.mod'), goMod.replace(/^module .*$/m, 'module shipshape.local/served'));
    copyFileSync(join(resolve(moduleDir), 'go.sum'), join(dir, 'go.sum'));
    copyFileSync(join(HERE, 'main.go'), join(dir, 'main.go'));
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
    execFileSync('nice', ['-n', '10', 'go', 'build', '-o', 'served', '.'], { cwd: dir, env, stdio: 'inherit' });
    const config = JSON.parse(execFileSync(join(dir, 'served'), { encoding: 'utf8' }));
    const data = JSON.parse(readFileSync(join(HERE, '..', 'generated', `${minor}.json`), 'utf8'));
    const off = new Set(data.offByDefault);
    const disagree = [];
    for (const key of Object.keys(data.kinds)) {
      const gv = key.slice(0, key.lastIndexOf('/'));
      if (OWN_SERVERS.has(gv)) continue;
      if (Object.keys(config.resources).length) throw new Error(`${version}: per-resource overrides ${JSON.stringify(config.resources)}: compare them too`);
      if (Boolean(config.versions[gv]) === off.has(key)) disagree.push(`${key}: function says ${config.versions[gv] ? 'served' : 'not served'}`);
    }
    console.log(`${version}: ${Object.keys(data.kinds).length} kinds, ${off.size} off by default; ${disagree.length ? `DISAGREE ${disagree.join('; ')}` : 'same as DefaultAPIResourceConfigSource()'}`);
    failed ||= disagree.length > 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
