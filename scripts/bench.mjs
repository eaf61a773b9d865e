// `npm run bench`: runs every bench/*.bench.ts (each prints one markdown section) and writes
// docs/BENCHMARKS.md with the machine, the date and the inputs. `npm run bench -- compose` runs matching files only
// and prints; `npm run bench -- --update fuzz` also puts those sections into docs/BENCHMARKS.md (replacing
// the section that file wrote before, the others kept as they were) and says in the header what was re-run when.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';

const update = process.argv.includes('--update');
const filter = process.argv.slice(2).filter((arg) => arg !== '--update');
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts') && (!filter.length || filter.some((x) => f.includes(x))))
  .sort();
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
    sections.push(`<!-- bench/${file} -->\n` + result.stdout.trim() + '\n');
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
else if (update && existsSync('docs/BENCHMARKS.md')) writeFileSync('docs/BENCHMARKS.md', updated(readFileSync('docs/BENCHMARKS.md', 'utf8')));
else process.stdout.write([header, ...sections].join('\n'));

/** The existing file with each re-run file's section replaced (or appended) and a header line saying so. */
function updated(existing) {
  let text = existing;
  for (const section of sections) {
    const marker = section.slice(0, section.indexOf('\n') + 1);
    const at = text.indexOf(marker);
    if (at < 0) {
      text = text.trimEnd() + '\n\n' + section;
      continue;
    }
    const next = text.slice(at + marker.length).search(/\n(?:<!-- bench\/|## )/);
    text = text.slice(0, at) + section + (next < 0 ? '' : text.slice(at + marker.length + next + 1));
  }
  const note = `- Re-run alone on ${new Date().toISOString()} (${os.cpus().length} × ${cpu}, Node.js ${process.version}): ${files.join(', ')}`;
  const lines = text.split('\n');
  const last = lines.findIndex((line, i) => i > 0 && line.startsWith('- Node.js:'));
  lines.splice(last + 1, 0, note);
  return lines.join('\n');
}
process.exit(failed ? 1 : 0);
