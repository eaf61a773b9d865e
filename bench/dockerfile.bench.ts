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

/** One server over stdio with one open document; `edit()` resolves with the ms until its next publish. */
class Session {
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private waiter: (() => void) | undefined;
  private version = 1;
  stderr = '';
  diagnostics = 0;

  constructor(
    readonly server: Server,
    private readonly uri: string,
  ) {
    const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
    this.child = spawn(process.execPath, [...nodeArgs, ...server.command], { stdio: ['pipe', 'pipe', 'pipe'], cwd: REPO });
    this.child.stderr!.on('data', (c) => (this.stderr += c));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      if (p.uri !== this.uri) return;
      this.diagnostics = p.diagnostics.length;
      if (process.env.BENCH_DEBUG && p.diagnostics.length) console.error(this.server.name, JSON.stringify(p.diagnostics));
      const w = this.waiter;
      this.waiter = undefined;
      w?.();
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  private next(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.server.name}: no diagnostics within 10 s; stderr: ${this.stderr}`)), 10_000);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async open(root: string, text: string): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'bench' }],
      // Settings through initializationOptions for both: the peer does not answer pulled configuration well.
      capabilities: { workspace: { configuration: false }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { settings: { dockerfile: { shellcheck: false } } },
    });
    await this.connection.sendNotification('initialized', {});
    // Let the server finish its post-initialize work (registrations, indexing) before the document arrives.
    await new Promise((r) => setTimeout(r, 300));
    const published = this.next();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: 'dockerfile', version: 1, text } });
    await published;
  }

  async edit(change: unknown): Promise<number> {
    const published = this.next();
    const started = process.hrtime.bigint();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: ++this.version }, contentChanges: [change] });
    await published;
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/** Shipshape's validate() in this process, same file and edits: the service's own cost without IPC. */
function inProcess(text: string, changes: Array<{ line: number; insert: boolean }>): number[] {
  // Loaded lazily so the bench's own startup stays light.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { TextDocument } = require('vscode-languageserver-textdocument') as typeof import('vscode-languageserver-textdocument');
  const { dockerfileSupport } = require('../server/src/dockerfile') as typeof import('../server/src/dockerfile');
  const { sourceFile } = require('../server/src/core/source') as typeof import('../server/src/core/source');
  const { DEFAULT_SETTINGS } = require('../server/src/core/settings') as typeof import('../server/src/core/settings');
  const { FileWorkspace } = require('../server/src/core/workspace') as typeof import('../server/src/core/workspace');
  const ctx = { settings: { ...DEFAULT_SETTINGS, dockerfile: { shellcheck: false } }, workspace: new FileWorkspace() };
  let doc = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text);
  const samples: number[] = [];
  changes.forEach(({ line, insert }, i) => {
    const character = text.split('\n')[line].length;
    const range = insert ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    doc = TextDocument.update(doc, [{ range, text: insert ? 'x' : '' }], doc.version + 1);
    const started = process.hrtime.bigint();
    dockerfileSupport.validate(sourceFile(doc, 'dockerfile', '1.35'), ctx);
    if (i >= WARMUP) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  });
  return samples;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-bench-dockerfile-'));
  const text = generate();
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
  const root = pathToFileURL(dir).toString();
  const sessions = [
    new Session({ name: 'Shipshape (server over stdio)', command: [path.join(REPO, 'bin', 'shipshape-language-server.js'), '--stdio'] }, uri),
    new Session({ name: 'dockerfile-language-server-nodejs 0.15.0 (over stdio)', command: [path.join(REPO, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'] }, uri),
  ];
  const loadBefore = os.loadavg()[0];
  for (const s of sessions) await s.open(root, text);
  const lines = text.split('\n');
  const changes: Array<{ line: number; insert: boolean }> = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    // Type one character at the end of an ENV line, then delete it: the text returns to the original.
    const line = lines.findIndex((l, k) => k > (Math.floor(i / 2) * 37) % (lines.length - 60) && l.startsWith('ENV '));
    changes.push({ line, insert: i % 2 === 0 });
  }
  const samples: number[][] = sessions.map(() => []);
  // The servers take turns on every edit, so both see the same machine load.
  for (const [i, { line, insert }] of changes.entries()) {
    const character = lines[line].length;
    const change = insert ? { range: { start: { line, character }, end: { line, character } }, text: 'x' } : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    for (const [k, s] of sessions.entries()) {
      const elapsed = await s.edit(change);
      if (i >= WARMUP) samples[k].push(elapsed);
    }
  }
  const rows: (string | number)[][] = sessions.map((s, k) => {
    const st = stats(samples[k]);
    return [s.server.name, st.n, ms(st.median), ms(st.p95), ms(st.min), ms(st.max), s.diagnostics];
  });
  for (const s of sessions) await s.close();
  const own = stats(inProcess(text, changes));
  rows.push(['Shipshape validate() in-process (no IPC)', own.n, ms(own.median), ms(own.p95), ms(own.min), ms(own.max), '']);
  const loadAfter = os.loadavg()[0];
  fs.rmSync(dir, { recursive: true, force: true });
  const lineCount = text.split('\n').length - 1;
  process.stdout.write(`## Dockerfile: edit to diagnostics

Generated multi-stage Dockerfile: ${lineCount} lines, 10 stages (ARGs, ENV, RUN chains with continuations, COPY --from, LABELs, heredocs).
Each sample: one incremental \`didChange\` (one character typed or deleted in an ENV value) until the server's next
\`publishDiagnostics\` for the file, over stdio; ${EDITS} edits after ${WARMUP} warm-up edits, the two servers taking turns on
every edit. ShellCheck off (it never runs on the keystroke path anyway). Machine load average (1 min): ${loadBefore.toFixed(1)} before,
${loadAfter.toFixed(1)} after, on ${os.cpus().length} cores. Goal: ≤ 10 ms.

${table(['Server', 'Edits', 'Median (ms)', 'p95 (ms)', 'Min (ms)', 'Max (ms)', 'Diagnostics'], rows)}
`);
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
