/**
 * examples/README.md promises, per file, what Shipshape shows on it: each row's last column lists the codes.
 * Through the real server over stdio, on the examples folder as `npm start` opens it (default settings, so
 * ShellCheck runs when it is installed, as for a user): every file shows exactly the codes of its row, and
 * every file Shipshape checks there has a row.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { detectKind, isCandidatePath } from '../../server/src/core/detect';
import { fileUri, LspClient, REPO } from '../support/lsp-client';
// @ts-expect-error: a plain .mjs build script
import { buildEngine } from '../../scripts/engine.mjs';

const EXAMPLES = path.join(REPO, 'examples');

interface Row {
  target: string;
  codes: string[];
}

/** The README table: `| \`file\` | what to look at | \`Code\`, \`Code\` |`. */
function promises(): Row[] {
  const rows: Row[] = [];
  for (const line of fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8').split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const target = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!target || cells.length !== 3) continue;
    rows.push({ target, codes: [...cells[2].matchAll(/`([A-Z][A-Za-z0-9]+)`/g)].map((m) => m[1]).sort() });
  }
  return rows;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const LANGUAGE = { dockerfile: 'dockerfile', compose: 'dockercompose' } as Record<string, string>;

let client: LspClient;
before(async () => {
  // The chart renders with the engine (built from engines/ and cached), wherever this checkout's dist/ is.
  client = (await LspClient.start({ rootPath: EXAMPLES, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } })).client;
});
after(async () => {
  await client.stop();
});

test('examples/README.md has a row for every file Shipshape checks there, and only for files that exist', () => {
  const rows = promises();
  assert.ok(rows.length >= 4, JSON.stringify(rows));
  for (const row of rows) assert.ok(fs.existsSync(path.join(EXAMPLES, row.target)), `${row.target} exists`);
  const checked = filesUnder(EXAMPLES).filter((f) => isCandidatePath(f) && detectKind(f, fs.readFileSync(f, 'utf8')));
  const covered = (f: string) =>
    rows.some((r) => {
      const target = path.join(EXAMPLES, r.target);
      return r.target.endsWith('/') ? f.startsWith(target) : f === target;
    });
  assert.deepEqual(
    checked.filter((f) => !covered(f)).map((f) => path.relative(EXAMPLES, f)),
    [],
  );
  for (const row of rows.filter((r) => r.target.endsWith('/'))) {
    assert.deepEqual(
      checked.filter((f) => f.startsWith(path.join(EXAMPLES, row.target))),
      [],
      `${row.target} promises nothing, so it holds no file Shipshape checks`,
    );
  }
});

test('each example file shows exactly the codes its README row promises', async () => {
  for (const row of promises().filter((r) => !r.target.endsWith('/'))) {
    const file = path.join(EXAMPLES, row.target);
    const text = fs.readFileSync(file, 'utf8');
    const uri = fileUri(file);
    client.open(uri, LANGUAGE[detectKind(file, text)?.kind ?? ''] ?? 'yaml', text);
    const codes = (diagnostics: { code?: unknown }[]) => [...new Set(diagnostics.map((d) => String(d.code)))].sort();
    // Cross-file findings (a Service that selects nothing) follow once the workspace index is read.
    const settled = await client.waitForDiagnostics(uri, (p) => JSON.stringify(codes(p.diagnostics)) === JSON.stringify(row.codes), 20_000).catch(() => client.waitForDiagnostics(uri));
    assert.deepEqual(codes(settled), row.codes, `${row.target}: ${settled.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`).join(' | ')}`);
  }
});
