import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER_BIN = path.join(REPO, 'bin', 'shipshape-language-server.js');

/**
 * A plain LSP client over stdio, as Neovim or Helix would be: spawns the built server
 * (`npm run build` first) and speaks JSON-RPC to it. No VS Code involved.
 */
export class LspClient {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';
  private version = new Map<string, number>();

  private constructor(readonly process: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    // Writes after the server exited (e.g. `exit` after `shutdown`) must not become uncaught errors.
    process.stdin!.on('error', () => undefined);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method, params) => void this.notifications.push({ method, params }));
    // Per item, as VS Code answers: a folder's own settings for its scopeUri, else the window's; other
    // sections (files.exclude) from `sections`, by folder URI too.
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(params.items);
      return params.items.map((item) => {
        if (item.section !== undefined && item.section !== 'shipshape') return this.sections[`${item.scopeUri ?? ''} ${item.section}`] ?? this.sections[item.section] ?? null;
        return item.scopeUri !== undefined && item.scopeUri in this.folderSettings ? this.folderSettings[item.scopeUri] : this.settings;
      });
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => this.folders);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  settings: unknown = {};
  /** The workspace folders, as the client answers workspace/workspaceFolders; changed with changeFolders(). */
  folders: { uri: string; name: string }[] | null = null;
  /** A workspace folder's own settings, by folder URI (what `scopeUri` names). */
  folderSettings: Record<string, unknown> = {};
  /** Values of other sections: by `section` (every folder) or `<folder URI> <section>` (one folder's). */
  sections: Record<string, unknown> = {};
  /** The items of every workspace/configuration request the server made. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[][] = [];

  static async start(
    options: {
      rootPath?: string;
      settings?: unknown;
      initializationOptions?: unknown;
      textDocument?: Record<string, unknown>;
      /** Workspace folders (a multi-root workspace) instead of rootPath's one, each with its own settings. */
      folders?: { path: string; settings?: unknown }[];
      /** The server's working directory and environment (an editor starts it in the workspace folder). */
      cwd?: string;
      env?: NodeJS.ProcessEnv;
      /** Another build's launcher than this checkout's (a bench comparing two builds). */
      server?: string;
    } = {},
  ): Promise<{ client: LspClient; result: InitializeResult }> {
    // Started as an editor starts it: the launcher itself, through its shebang (node and its flags).
    const child = spawn(options.server ?? SERVER_BIN, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: options.env });
    const client = new LspClient(child);
    if (options.settings !== undefined) client.settings = options.settings;
    const rootUri = options.rootPath ? pathToFileURL(options.rootPath).toString() : null;
    const folders = options.folders?.map((folder) => ({ uri: pathToFileURL(folder.path).toString(), name: path.basename(folder.path), settings: folder.settings }));
    for (const folder of folders ?? []) if (folder.settings !== undefined) client.folderSettings[folder.uri] = folder.settings;
    client.folders = folders ? folders.map(({ uri, name }) => ({ uri, name })) : rootUri ? [{ uri: rootUri, name: 'root' }] : null;
    const result = (await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders ? null : rootUri,
      workspaceFolders: client.folders,
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true }, ...options.textDocument } },
      initializationOptions: options.initializationOptions,
    })) as InitializeResult;
    await client.connection.sendNotification('initialized', {});
    return { client, result };
  }

  /** Adds a workspace folder (with its own settings) as an editor does when one is added to the workspace. */
  addFolder(folderPath: string, settings?: unknown): void {
    const added = { uri: pathToFileURL(folderPath).toString(), name: path.basename(folderPath) };
    if (settings !== undefined) this.folderSettings[added.uri] = settings;
    this.folders = [...(this.folders ?? []), added];
    void this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [added], removed: [] } });
  }

  /** Every publishDiagnostics so far, in order (the workspace pass publishes closed files' too). */
  readonly published: PublishDiagnosticsParams[] = [];

  /** The diagnostics last published for uri (undefined: none yet). */
  current(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  open(uri: string, languageId: string, text: string): void {
    this.version.set(uri, 1);
    // What the workspace pass published for the file on disk is not what the editor's text gets.
    this.diagnostics.delete(uri);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (an incremental change that covers the document). */
  change(uri: string, text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): number {
    const version = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, version);
    const change = range ? { range, text } : { text };
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    return version;
  }

  /** Resolves with the next diagnostics for uri that pass `test` (or the current ones, if they already do). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const current = this.diagnostics.get(uri);
    if (current && test(current)) return Promise.resolve(current.diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({
        uri,
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** The server's resident memory in bytes (Linux), or undefined once it has exited. */
  rss(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
      return kb ? Number(kb[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing below is enough.
    }
    this.connection.dispose();
    this.process.kill();
  }
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}
