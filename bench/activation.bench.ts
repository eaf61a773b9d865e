// Extension activation time, measured inside a real VS Code extension host (code-server + chromium),
// from the bundle's first evaluation to the end of activate(). Fresh window (extension host) per run.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../test/support/lsp-client';
import { ms, stats, table } from './support/stats';

const RUNS = 5;
const log = (message: string) => process.stderr.write(`  ${message}\n`);

function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

function main(): void {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-activation-'));
  const env = { ...process.env, SHIPSHAPE_RUN_DIR: runDir };
  fs.mkdirSync(path.join(runDir, 'env'), { recursive: true });
  log('packaging and starting code-server');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const samples: number[] = [];
  try {
    execFileSync('bash', [path.join(REPO, 'test/infra/vscode/up.sh')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const vscodeEnv = { ...env, ...readEnv(path.join(runDir, 'env/vscode.env')) };
    for (let i = 0; i < RUNS; i++) {
      const metrics = path.join(runDir, `activation-${i}.json`);
      const result = spawnSync(process.execPath, [path.join(REPO, 'test/infra/vscode/run-extension-tests.mjs')], {
        env: { ...vscodeEnv, SHIPSHAPE_E2E_GREP: 'activation', SHIPSHAPE_E2E_METRICS: metrics, SHIPSHAPE_RESULTS_FILE: '' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (result.status !== 0 || !fs.existsSync(metrics)) throw new Error(`activation run ${i} failed (exit ${result.status})`);
      samples.push(JSON.parse(fs.readFileSync(metrics, 'utf8')).activationMs);
      log(`run ${i + 1}: ${samples[i].toFixed(1)} ms`);
    }
  } finally {
    spawnSync('bash', [path.join(REPO, 'test/infra/vscode/down.sh')], { env, stdio: 'ignore' });
    fs.rmSync(runDir, { recursive: true, force: true });
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  }
  const s = stats(samples);
  process.stdout.write(`## Extension activation

Measured inside the real extension host of code-server (${readVsCodeVersion()}), with the packaged VSIX, a fresh
window per run, activation triggered by opening examples/Dockerfile: from the bundle's first evaluation to the end of
\`activate()\` (the language server starts in the background and is not awaited).

${table(['measure', 'median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)', 'runs'], [
    ['activate()', ms(s.median), ms(s.p95), ms(s.min), ms(s.max), s.n],
  ])}
`);
}

function readVsCodeVersion(): string {
  const versions = fs.readFileSync(path.join(REPO, 'test/infra/vscode/versions.sh'), 'utf8');
  return `code-server ${/CODE_SERVER_VERSION:-([\d.]+)/.exec(versions)?.[1] ?? '?'}`;
}

try {
  main();
} catch (error) {
  process.stderr.write(String((error as Error)?.stack ?? error) + '\n');
  process.exit(1);
}
