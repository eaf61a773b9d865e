// Dev helper: prints Shipshape's findings for the Dockerfiles given on the command line.
import * as fs from 'node:fs';
import { lint } from './support';
void (async () => {
  for (const f of process.argv.slice(2)) {
    for (const d of await lint(fs.readFileSync(f, 'utf8'))) console.log(`${f}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} [${d.severity}] ${d.message}`);
  }
})();
