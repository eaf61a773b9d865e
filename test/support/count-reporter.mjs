// A node:test reporter that counts leaf tests and writes {passed, failed, skipped} to $SHIPSHAPE_RESULTS_FILE,
// so scripts/test.sh can print one total over every suite.
import { writeFileSync } from 'node:fs';

export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else counts.failed++;
  }
  if (process.env.SHIPSHAPE_RESULTS_FILE) writeFileSync(process.env.SHIPSHAPE_RESULTS_FILE, JSON.stringify(counts));
  yield '';
}
