// Regenerates schemas/helm/functions.json from Helm's own function map (see gen/main.go and PROVENANCE.md):
// builds gen/ from the Go module proxy (its go.mod pins the engine's helm.sh/helm/v4 and sprig versions) and runs it.
// `--check` fails when the committed file is not what the generator writes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'functions.json');
const check = process.argv.includes('--check');
const target = check ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-helm-functions-')), 'functions.json') : OUT;
const r = spawnSync('go', ['run', '.', '--out', target], {
  cwd: path.join(HERE, 'gen'),
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-trimpath -buildvcs=false -mod=readonly' },
});
if (r.status !== 0) {
  console.error(`helm functions: go run failed${r.error ? `: ${r.error.message}` : ''}`);
  process.exit(1);
}
if (check && fs.readFileSync(target, 'utf8') !== fs.readFileSync(OUT, 'utf8')) {
  console.error('schemas/helm/functions.json is stale: run node schemas/helm/generate.mjs');
  process.exit(1);
}
