// A minimal LSP client over stdio for the edit → diagnostics benches (compose, swarm): the same for every server,
// so the peer and Shipshape are timed the same way.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Diagnostic {
  code?: string | number;
  message: string;
  severity?: number;
  range: { start: { line: number } };
}

/** A minimal LSP client over stdio, the same for both servers. */
export class Client {
  readonly connection: MessageConnection;
  private waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  private version = 1;

  constructor(
    readonly child: ChildProcess,
    configuration: unknown,
  ) {
    // A server that exits on `shutdown` closes its stdin before our `exit`: that write must not crash the bench.
    child.stdin!.on('error', () => undefined);
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      for (const w of [...this.waiters]) {
        if (w.uri !== p.uri || (w.version !== undefined && p.version !== undefined && p.version !== w.version)) continue;
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    });
    this.connection.onNotification(() => undefined);
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => (item.section ? ((configuration as Record<string, unknown>)[item.section] ?? null) : configuration)));
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  async initialize(root: string, configuration: unknown): Promise<void> {
    const rootUri = pathToFileURL(root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: {},
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: configuration });
  }

  next(uri: string, version?: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 30_000);
      this.waiters.push({
        uri,
        version,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  open(uri: string, text: string): Promise<Diagnostic[]> {
    const wait = this.next(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text } });
    return wait;
  }

  /** One incremental edit; resolves with the diagnostics published for it and the elapsed milliseconds. */
  async edit(uri: string, line: number, start: number, end: number, text: string, versioned: boolean): Promise<{ ms: number; diagnostics: Diagnostic[] }> {
    const version = ++this.version;
    const wait = this.next(uri, versioned ? version : undefined);
    const started = performance.now();
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: start }, end: { line, character: end } }, text }],
    });
    const diagnostics = await wait;
    return { ms: performance.now() - started, diagnostics };
  }

  async stop(): Promise<void> {
    await Promise.race([this.connection.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
    await this.connection.sendNotification('exit').catch(() => undefined);
    this.connection.dispose();
    this.child.kill();
  }
}

export /** CPU time (user + system) a process has used, from /proc: what an edit costs, whatever else the machine runs. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
