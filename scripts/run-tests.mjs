// Runs node:test suites written in TypeScript: `node scripts/run-tests.mjs test/unit [more dirs or files]`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(target, out) {
  if (statSync(target).isDirectory()) {
    for (const name of readdirSync(target).sort()) {
      if (name === 'node_modules' || name === 'fixtures') continue;
      collect(join(target, name), out);
    }
  } else if (target.endsWith('.test.ts')) {
    out.push(target);
  }
  return out;
}

const targets = process.argv.slice(2);
const files = targets.flatMap((target) => collect(target, []));
if (!files.length) {
  console.error(`run-tests: no *.test.ts files under ${targets.join(' ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.SHIPSHAPE_RESULTS_FILE) {
  reporters.push(`--test-reporter=${new URL('../test/support/count-reporter.mjs', import.meta.url)}`, '--test-reporter-destination=/dev/null');
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...reporters, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
