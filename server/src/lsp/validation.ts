import type { Connection, TextDocuments } from 'vscode-languageserver/node';
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

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly state: ServerState,
    private readonly registry: LanguageRegistry,
    /** Told after each publish (the start-up times note the first). */
    private readonly published: () => void = () => {},
  ) {}

  schedule(document: TextDocument): void {
    this.pending.set(document.uri, document);
    this.timer ??= setImmediate(() => void this.flush());
  }

  all(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }

  close(document: TextDocument): void {
    this.pending.delete(document.uri);
    this.state.close(document.uri);
    void this.connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const document of batch) await this.validate(document);
  }

  private async validate(document: TextDocument): Promise<void> {
    const file = this.state.file(document);
    const diagnostics = file ? await this.registry.validate(file, this.state.contextFor(document.uri)) : [];
    // A newer version arrived while we worked: its own validation will publish.
    if (this.documents.get(document.uri)?.version !== document.version) return;
    await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    this.published();
  }
}
