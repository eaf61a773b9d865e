// Foundation numbers: server start, open → first diagnostics, CLI over the shared corpus, VSIX size.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspClient, REPO } from '../test/support/lsp-client';
import { walkCandidates } from '../server/src/core/walk';
import { ms, stats, table } from './support/stats';

const CORPUS = path.resolve(REPO, '../shared/corpus');
const CORPUS_DIRS = [path.join(CORPUS, 'compose'), path.join(CORPUS, 'kubernetes')];
const log = (message: string) => process.stderr.write(`  ${message}\n`);

const LANGUAGE_ID: Record<string, string> = { Dockerfile: 'dockerfile' };
function languageId(file: string): string {
  const base = path.basename(file);
  if (/dockerfile|containerfile/i.test(base)) return LANGUAGE_ID.Dockerfile;
  return /^(docker-)?compose/.test(base) ? 'dockercompose' : 'yaml';
}

async function startTimes(runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { client } = await LspClient.start();
    samples.push(performance.now() - started);
    await client.stop();
  }
  return samples;
}

/** Opens each file in one server and times didOpen → the first publishDiagnostics for it. */
async function openToDiagnostics(files: string[]): Promise<number[]> {
  const { client } = await LspClient.start();
  const samples: number[] = [];
  for (const file of files) {
    const uri = fileUri(file);
    const text = fs.readFileSync(file, 'utf8');
    const started = performance.now();
    client.open(uri, languageId(file), text);
    await client.waitForDiagnostics(uri);
    samples.push(performance.now() - started);
  }
  await client.stop();
  return samples;
}

function cliTimes(runs: number): { samples: number[]; files: number } {
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin/shipshape.js'), 'lint', '--format', 'json', ...CORPUS_DIRS], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    samples.push(performance.now() - started);
    if (result.status === 2) throw new Error(`shipshape lint failed: ${result.stderr}`);
    files = JSON.parse(result.stdout).files.length;
  }
  return { samples, files };
}

async function main(): Promise<void> {
  log('building');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  log('server start');
  const start = stats(await startTimes(10));
  const examples = [...walkCandidates(path.join(REPO, 'examples'))];
  const corpus = CORPUS_DIRS.flatMap((dir) => [...walkCandidates(dir)]);
  log(`open → diagnostics: ${examples.length} example files, ${corpus.length} corpus files`);
  await openToDiagnostics(examples.slice(0, 2)); // warm-up: the first request loads each language's code
  const openExamples = stats(await openToDiagnostics(examples));
  const openCorpus = stats(await openToDiagnostics(corpus));
  log('CLI over the corpus');
  const cli = cliTimes(5);
  const cliStats = stats(cli.samples);
  log('packaging the VSIX');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const vsix = fs.statSync(path.join(REPO, `shipshape-${pkg.version}.vsix`)).size;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });

  process.stdout.write(`## Foundation: server start, first diagnostics, CLI, VSIX

Inputs: examples/ (${examples.length} files); ../shared/corpus/compose and ../shared/corpus/kubernetes (${corpus.length} files).
Server: \`node bin/shipshape-language-server.js --stdio\` driven by a plain JSON-RPC client (test/support/lsp-client.ts).

${table(
  ['measure', 'median (ms)', 'p95 (ms)', 'min (ms)', 'max (ms)', 'runs'],
  [
    ['server spawn → initialize result', ms(start.median), ms(start.p95), ms(start.min), ms(start.max), start.n],
    ['didOpen → first diagnostics, examples/', ms(openExamples.median), ms(openExamples.p95), ms(openExamples.min), ms(openExamples.max), openExamples.n],
    ['didOpen → first diagnostics, corpus', ms(openCorpus.median), ms(openCorpus.p95), ms(openCorpus.min), ms(openCorpus.max), openCorpus.n],
    [`\`shipshape lint --format json\` over the corpus (${cli.files} files), wall time`, ms(cliStats.median), ms(cliStats.p95), ms(cliStats.min), ms(cliStats.max), cliStats.n],
  ],
)}

VSIX (\`npm run package\`): ${(vsix / 1024).toFixed(0)} KiB.
`);
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
