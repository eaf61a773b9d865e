import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cachedChartProbe } from '../core/chart-probe';
import type { ServiceContext } from '../core/language';
import { loadDocument } from '../core/load';
import { DEFAULT_SETTINGS, effectiveKubernetesVersion, kubernetesVersionSource, type KubernetesVersionSource, type Settings } from '../core/settings';
import type { SourceFile } from '../core/source';
import { FileWorkspace } from '../core/workspace';

/** What the server knows: settings, the connected cluster's version, open files as SourceFiles. */
export class ServerState {
  settings: Settings = DEFAULT_SETTINGS;
  clusterVersion: string | undefined;
  /** Set from the client (initializationOptions.trusted, then shipshape/workspaceTrust); trusted by default. */
  trusted = true;
  readonly workspace = new FileWorkspace();
  readonly chartProbe = cachedChartProbe();
  private readonly files = new Map<string, { version: number; file: SourceFile | undefined }>();

  /** Re-validates a document when background work for it finishes (wired by the server). */
  refresh: ((uri: string) => void) | undefined;

  get context(): ServiceContext {
    return { settings: this.settings, workspace: this.workspace, refresh: this.refresh, trusted: this.trusted };
  }

  /** The active Kubernetes version when no modeline overrides it (shown in the status bar). */
  get kubernetesVersion(): string {
    return effectiveKubernetesVersion(this.settings, undefined, this.clusterVersion);
  }

  get kubernetesVersionSource(): KubernetesVersionSource {
    return kubernetesVersionSource(this.settings, this.clusterVersion);
  }

  /** SourceFile for an open document, built once per version. */
  file(document: TextDocument): SourceFile | undefined {
    const cached = this.files.get(document.uri);
    if (cached && cached.version === document.version) return cached.file;
    const file = loadDocument(document, this.settings, this.chartProbe, this.clusterVersion);
    this.files.set(document.uri, { version: document.version, file });
    if (file) this.workspace.setOpen(file);
    return file;
  }

  close(uri: string): void {
    const file = this.files.get(uri)?.file;
    if (file) this.workspace.closeOpen(file.path);
    this.files.delete(uri);
  }

  /** Settings or cluster changed: every open file's kind/version must be derived again. */
  forgetAll(): void {
    this.files.clear();
  }
}
