// Compose validation after an edit, through the real servers over stdio: Shipshape vs yaml-language-server 2.0.0
// fed the same schema (schemas/compose/compose-spec.json, compose-go v2.16.2), never reaching the network.
// `npm run build` first. Prints one markdown section.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../server/src/compose';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { sourceFile } from '../server/src/core/source';
import { FileWorkspace } from '../server/src/core/workspace';
import { generateComposeFile } from './support/compose-file';
import { Client, cpuMs } from './support/lsp-client';
import { ms, stats, table } from './support/stats';

const REPO = path.resolve(__dirname, '..');
const SCHEMA = path.join(REPO, 'schemas/compose/compose-spec.json');
const EDITS = Number(process.env.BENCH_EDITS ?? 40);

async function measure(label: string, command: string[], configuration: unknown, dir: string, text: string, versioned: boolean) {
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: dir });
  const client = new Client(child, configuration);
  await client.initialize(dir, configuration);
  const uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
  const first = await client.open(uri, text);
  const lines = text.split('\n');
  const imageLine = lines.findIndex((l) => l.startsWith('    image: registry.example.com/team/svc7:'));
  const valueStart = lines[imageLine].indexOf('1.7.0');
  const timings: number[] = [];
  let cpuStart = 0;
  // Warm-up edits are not counted: both servers compile their schema lazily.
  for (let i = 0; i < EDITS + 5; i++) {
    if (i === 5) cpuStart = cpuMs(child.pid!);
    const next = `1.7.${(i % 9) + 1}`;
    const { ms: elapsed } = await client.edit(uri, imageLine, valueStart, valueStart + 5, next, versioned);
    if (i >= 5) timings.push(elapsed);
  }
  const cpuPerEdit = (cpuMs(child.pid!) - cpuStart) / EDITS;
  // Both must actually check the schema: an unknown key has to be reported.
  const keyLine = imageLine + 1;
  const bad = await client.edit(uri, keyLine, 4, 18, 'container_nam', versioned);
  await client.stop();
  const caught = bad.diagnostics.some((d) => d.range.start.line === keyLine);
  console.error(`${label}: first diagnostics ${first.length}, after a bad key ${bad.diagnostics.length} (caught: ${caught})`);
  return { label, ...stats(timings), caught, cpuPerEdit };
}

/** The same edits through composeSupport.validate() in this process: the work itself, without transport or scheduling. */
function inProcess(dir: string, text: string) {
  const workspace = new FileWorkspace();
  const uri = pathToFileURL(path.join(dir, 'compose.yaml')).toString();
  const timings: number[] = [];
  let current = text;
  let cpu = 0;
  for (let i = 0; i < EDITS + 5; i++) {
    current = current.replace(/svc7:1\.7\.\d+/, `svc7:1.7.${(i % 9) + 1}`);
    const file = sourceFile(TextDocument.create(uri, 'dockercompose', i + 2, current), 'compose', '1.35');
    const started = performance.now();
    const before = process.cpuUsage();
    // Compose validation is synchronous: what is timed is the whole of it.
    void composeSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace });
    const used = process.cpuUsage(before);
    if (i >= 5) {
      timings.push(performance.now() - started);
      cpu += (used.user + used.system) / 1000;
    }
  }
  return { label: 'Shipshape, validate() in process', ...stats(timings), caught: true, cpuPerEdit: cpu / EDITS };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-compose-'));
  const text = generateComposeFile(2000);
  fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
  const lineCount = text.split('\n').length - 1;
  const loadBefore = os.loadavg()[0];
  const shipshape = await measure('Shipshape', [process.execPath, path.join(REPO, 'bin/shipshape-language-server.js'), '--stdio'], { shipshape: {} }, dir, text, true);
  const yamlLs = await measure(
    'yaml-language-server 2.0.0',
    [process.execPath, path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    {
      yaml: {
        validate: true,
        completion: true,
        hover: true,
        format: { enable: false },
        schemaStore: { enable: false },
        schemaDownload: { enable: false },
        disableDefaultProperties: true,
        schemas: { [pathToFileURL(SCHEMA).toString()]: ['compose.yaml'] },
      },
    },
    dir,
    text,
    false,
  );
  const local = inProcess(dir, text);
  fs.rmSync(dir, { recursive: true, force: true });
  const loadAfter = os.loadavg()[0];
  const ratio = yamlLs.median / shipshape.median;
  // yaml-language-server waits a fixed delay before validating (yamlSettings.validationDelayMs, not a setting).
  const delaySource = fs.readFileSync(path.join(REPO, 'node_modules/yaml-language-server/out/src/yamlSettings.js'), 'utf8');
  const delay = Number(/validationDelayMs = (\d+)/.exec(delaySource)?.[1] ?? 0);
  const ratioWithoutDelay = (yamlLs.median - delay) / shipshape.median;
  console.log(`## Compose: validation after an edit (${lineCount}-line file)

A generated ${lineCount}-line Compose file (${text.split('\n').filter((l) => /^  svc\d+:$/.test(l)).length} services), opened in each server over stdio; then ${EDITS} single-value
edits (an image tag), each timed from \`didChange\` to the \`publishDiagnostics\` for it. Same schema for both
(compose-go v2.16.2 \`compose-spec.json\`, given to yaml-language-server as a \`file:\` URI, schema store off). A final
edit introduces an unknown key to check that each server really validates against the schema. Goal: ≤ 20 ms.
The last row runs the same edits through Shipshape's validate() in the bench process (no stdio, no scheduling).

${table(
  ['server', 'median ms', 'p95 ms', 'min ms', 'max ms', 'CPU ms per edit', 'n', 'caught the bad key'],
  [shipshape, yamlLs, local].map((r) => [r.label, ms(r.median), ms(r.p95), ms(r.min), ms(r.max), ms(r.cpuPerEdit), r.n, r.caught ? 'yes' : 'no']),
)}

Shipshape is ${ratio.toFixed(1)}× ${ratio >= 1 ? 'faster' : 'slower'} than yaml-language-server (median wall time; ${ratioWithoutDelay.toFixed(1)}× without the ${delay} ms
debounce yaml-language-server always waits before validating) and uses ${(yamlLs.cpuPerEdit / shipshape.cpuPerEdit).toFixed(1)}× less CPU per edit
(server process CPU from /proc, all its threads including GC, 10 ms ticks averaged over ${EDITS} edits). Goal ≤ 20 ms:
${shipshape.median <= 20 ? 'met' : 'not met'} at the median (${ms(shipshape.median)} ms), ${shipshape.p95 <= 20 ? 'met' : 'not met'} at p95 (${ms(shipshape.p95)} ms). Shipshape's time includes the
semantic rules and interpolation, not only the schema. Machine load (1-minute average) was ${loadBefore.toFixed(1)} before and
${loadAfter.toFixed(1)} after the run on ${os.cpus().length} CPUs: above ${os.cpus().length}, medians measure waiting for a CPU as much as work, and the
minimum is the better estimate of the cost of one validation.
`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
