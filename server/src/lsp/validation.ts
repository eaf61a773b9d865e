import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageRegistry } from '../core/registry';
import type { ServerState } from './state';

/**
 * Validates documents after the current burst of messages, newest version only: a fast typist's
 * ten changes in one batch cost one validation, and a stale result is never published.
 */
export class ValidationScheduler {
  private readonly pending = new Map<string, TextDocument>();
  private timer: NodeJS.Immediate | undefined;
  private flushing = false;
  private idleWaiters: (() => void)[] = [];
  /** Told what was published for an open document (the workspace pass counts problems; the start-up clock notes the first). */
  private readonly listeners: ((uri: string, diagnostics: readonly Diagnostic[]) => void)[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly state: ServerState,
    private readonly registry: LanguageRegistry,
  ) {}

  onPublished(listener: (uri: string, diagnostics: readonly Diagnostic[]) => void): void {
    this.listeners.push(listener);
  }

  schedule(document: TextDocument): void {
    this.pending.set(document.uri, document);
    this.timer ??= setImmediate(() => void this.flush());
  }

  all(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }

  /** Whether an open document waits for (or is in) validation: background work waits for it to finish. */
  get busy(): boolean {
    return this.flushing || this.pending.size > 0;
  }

  /** Resolves once no open document waits for validation. */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** `keep`: leave the diagnostics published, for the workspace pass to replace with the file's on disk. */
  close(document: TextDocument, keep = false): void {
    this.pending.delete(document.uri);
    this.state.close(document.uri);
    if (!keep) this.publish(document.uri, []);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    if (this.flushing) return; // the running flush takes what was scheduled meanwhile
    this.flushing = true;
    try {
      while (this.pending.size) {
        const batch = [...this.pending.values()];
        this.pending.clear();
        for (const document of batch) await this.validate(document);
      }
    } finally {
      this.flushing = false;
      // New changes may have scheduled another flush meanwhile; waiters wait for that one too.
      if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async validate(document: TextDocument): Promise<void> {
    const file = this.state.file(document);
    const diagnostics = file ? await this.registry.validate(file, this.state.contextFor(document.uri)) : [];
    // A newer version arrived while we worked: its own validation will publish.
    if (this.documents.get(document.uri)?.version !== document.version) return;
    this.publish(document.uri, diagnostics, document.version);
  }

  private publish(uri: string, diagnostics: Diagnostic[], version?: number): void {
    void this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    for (const listener of this.listeners) listener(uri, diagnostics);
  }
}
