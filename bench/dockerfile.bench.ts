/**
 * Dockerfile: time from an edit to published diagnostics for a generated 500-line multi-stage Dockerfile,
 * through the real servers over stdio, Shipshape and dockerfile-language-server-nodejs side by side in the
 * same run on the same file and the same edits. Run `npm run build` first (uses bin/shipshape-language-server.js).
 * BENCH_EDITS sets the number of edits; BENCH_NODE_ARGS passes node flags to both servers (e.g. profiling).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ms, stats, table } from './support/stats';

const REPO = path.resolve(__dirname, '..');
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const WARMUP = 5;

/** 10 stages of ~50 lines: ARGs, ENV, RUN chains with continuations, COPY --from, LABELs, a heredoc. */
export function generate(): string {
  const lines: string[] = ['# syntax=docker/dockerfile:1', 'ARG BASE_VERSION=3.20', 'ARG APP_VERSION=1.0.0'];
  for (let s = 0; s < 10; s++) {
    lines.push(`FROM alpine:\${BASE_VERSION} AS stage${s}`);
    lines.push('ARG APP_VERSION', `ARG STAGE_ARG_${s}=value${s}`);
    lines.push(`ENV STAGE_ENV_${s}=/opt/stage${s} PATH=/opt/stage${s}/bin:$PATH`);
    lines.push(`WORKDIR /opt/stage${s}`);
    if (s > 0) lines.push(`COPY --from=stage${s - 1} /opt/stage${s - 1} /opt/prev`);
    for (let k = 0; k < 8; k++) {
      lines.push(`RUN apk add --no-cache pkg${s}-${k} \\`, `    && echo "$STAGE_ENV_${s} \${APP_VERSION}" > /tmp/v${k} \\`, `    && rm -rf /tmp/cache${k}`);
    }
    for (let k = 0; k < 8; k++) lines.push(`LABEL org.example.stage${s}.label${k}="value ${k}"`);
    lines.push(`COPY --chmod=755 <<EOF /usr/local/bin/run${s}`, '#!/bin/sh', `echo stage ${s} $STAGE_ENV_${s}`, 'EOF');
    lines.push(`COPY src/${s}/ /opt/stage${s}/src/`, `EXPOSE ${8000 + s}/tcp`, `USER 10${s}:10${s}`);
    lines.push(`HEALTHCHECK --interval=30s --timeout=5s CMD ["wget", "-q", "localhost:${8000 + s}"]`);
    while (lines.length < 3 + (s + 1) * 50 - 1) lines.push(`RUN echo filler-${s}-${lines.length}`);
    lines.push(`CMD ["/usr/local/bin/run${s}"]`);
  }
  return lines.join('\n') + '\n';
}

interface Server {
  name: string;
  command: string[];
}

async function measure(server: Server, text: string, dir: string): Promise<{ samples: number[]; diagnostics: number }> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), ...server.command], { stdio: ['pipe', 'pipe', 'pipe'], cwd: REPO });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
  let waiter: ((count: number) => void) | undefined;
  let last = 0;
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    if (process.env.BENCH_DEBUG) console.error('publish', p.uri, p.diagnostics.length);
    if (p.uri !== uri) return;
    last = p.diagnostics.length;
    const w = waiter;
    waiter = undefined;
    w?.(p.diagnostics.length);
  });
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest((method: string) => { if (process.env.BENCH_DEBUG) console.error('request', method); return null; });
  connection.onNotification((method: string) => { if (process.env.BENCH_DEBUG) console.error('notification', method); });
  connection.listen();
  const root = pathToFileURL(dir).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'bench' }],
    capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { settings: { dockerfile: { shellcheck: false } } },
  });
  await connection.sendNotification('initialized', {});
  // Let the server finish its post-initialize work (registrations) before the document arrives.
  await new Promise((r) => setTimeout(r, 300));
  const samples: number[] = [];
  const next = () => new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server.name}: no diagnostics within 10 s (after ${samples.length} samples); stderr: ${stderr}`)), 10_000);
    waiter = (n) => { clearTimeout(timer); resolve(n); };
  });
  let published = next();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await published;
  const lines = text.split('\n');
  for (let i = 0; i < WARMUP + EDITS; i++) {
    // Type one character into an ENV value somewhere in the file (alternating insert and delete).
    const line = lines.findIndex((l, k) => k > (Math.floor(i / 2) * 37) % (lines.length - 60) && l.startsWith('ENV '));
    const character = lines[line].length;
    const change = i % 2 === 0
      ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
      : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    published = next();
    const started = process.hrtime.bigint();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    await published;
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (i >= WARMUP) samples.push(elapsed);
  }
  try {
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    await connection.sendNotification('exit');
  } catch {
    // already gone
  }
  connection.dispose();
  child.kill();
  return { samples, diagnostics: last };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-dockerfile-'));
  const text = generate();
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const servers: Server[] = [
    { name: 'Shipshape', command: [path.join(REPO, 'bin', 'shipshape-language-server.js'), '--stdio'] },
    { name: 'dockerfile-language-server-nodejs 0.15.0', command: [path.join(REPO, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'] },
  ];
  const rows: (string | number)[][] = [];
  for (const server of servers) {
    console.error(`bench dockerfile: ${server.name}`);
    const { samples, diagnostics } = await measure(server, text, dir);
    const s = stats(samples);
    rows.push([server.name, s.n, ms(s.median), ms(s.p95), ms(s.min), ms(s.max), diagnostics]);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const lineCount = text.split('\n').length - 1;
  process.stdout.write(`## Dockerfile: edit to diagnostics

Generated multi-stage Dockerfile: ${lineCount} lines, 10 stages (ARGs, ENV, RUN chains with continuations, COPY --from, LABELs, heredocs).
Each sample: one incremental \`didChange\` (one character typed or deleted in an ENV value) until the server's next
\`publishDiagnostics\` for the file, over stdio, ${EDITS} edits after ${WARMUP} warm-up edits. Goal: ≤ 10 ms.

${table(['Server', 'Edits', 'Median (ms)', 'p95 (ms)', 'Min (ms)', 'Max (ms)', 'Diagnostics'], rows)}
`);
}

if (require.main === module) main().catch((error) => {
  console.error(error);
  process.exit(1);
});
