// `npm run bench`: runs every bench/*.bench.ts (each prints one markdown section) and writes
// docs/BENCHMARKS.md with the machine, the date and the inputs. `npm run bench -- compose` runs matching files only.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';

const filter = process.argv.slice(2);
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!filter.length || filter.some((x) => f.includes(x)))).sort();
const sections = [];
let failed = 0;
for (const file of files) {
  console.error(`bench: ${file}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    sections.push(`## ${file}\n\nFailed (exit ${result.status}); see the bench run's stderr.\n`);
  } else {
    sections.push(result.stdout.trim() + '\n');
  }
  console.error(`bench: ${file} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.mjs); every number below comes from that run.

- Date: ${new Date().toISOString()}
- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}
- Node.js: ${process.version}
`;
mkdirSync('docs', { recursive: true });
if (!filter.length) writeFileSync('docs/BENCHMARKS.md', [header, ...sections].join('\n'));
else process.stdout.write([header, ...sections].join('\n'));
process.exit(failed ? 1 : 0);
