import * as path from 'node:path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { FolderKubernetesVersion, KubernetesVersionSource } from '../../../protocol';
import { cachedChartProbe } from '../core/chart-probe';
import type { ClusterFacts } from '../core/cluster';
import type { ServiceContext } from '../core/language';
import { loadDocument } from '../core/load';
import { DEFAULT_SETTINGS, effectiveKubernetesVersion, kubernetesVersionSource, type Settings } from '../core/settings';
import { uriToPath, widenChange, type SourceFile, type TextChange } from '../core/source';
import { FileWorkspace } from '../core/workspace';
import type { ChartRenders } from '../helm/renders';
import type { KustomizeBuilds } from '../kustomize/builds';

/** A workspace folder's own settings (pulled with its scopeUri). */
export interface FolderSettings {
  /** The folder's URI (the scopeUri) and path. */
  uri: string;
  root: string;
  settings: Settings;
}

/** What the server knows: settings per folder, the connected cluster, open files as SourceFiles. */
export class ServerState {
  /**
   * Settings of no folder: for files outside every workspace folder, for machine-wide values
   * (files.readableFolders), and the only ones when the editor pushes settings or cannot be asked per folder.
   */
  settings: Settings = DEFAULT_SETTINGS;
  /** Innermost first, so a nested folder's settings win for its files. */
  private folders: FolderSettings[] = [];
  clusterVersion: string | undefined;
  /** What the connected cluster reported (shipshape/clusterSchemas); undefined when none is connected. */
  cluster: ClusterFacts | undefined;
  /** Set from the client (initializationOptions.trusted, then shipshape/workspaceTrust); trusted by default. */
  trusted = true;
  readonly workspace = new FileWorkspace();
  readonly chartProbe = cachedChartProbe();
  private readonly files = new Map<string, { version: number; file: SourceFile | undefined }>();
  /** Each open document's SourceFile.lineage, kept across versions and settings changes until it closes. */
  private readonly lineages = new Map<string, object>();
  /** Per open document, what changed since the text of the last SourceFile built for it. */
  private readonly changes = new Map<string, TextChange | null>();

  /** Renders of Helm charts (wired by the server; absent in hosts without an engine). */
  helm: ChartRenders | undefined;
  kustomize: KustomizeBuilds | undefined;

  /** Re-validates a document when background work for it finishes (wired by the server). */
  refresh: ((uri: string) => void) | undefined;

  /** Replaces every folder's settings (after pulling them); an empty list leaves only `settings`. */
  setFolderSettings(folders: readonly FolderSettings[]): void {
    this.folders = [...folders].sort((a, b) => b.root.length - a.root.length);
  }

  /** The settings a file is checked with: its innermost workspace folder's, else the folder-less ones. */
  settingsFor(filePath: string): Settings {
    if (filePath) {
      for (const folder of this.folders) {
        const relative = path.relative(folder.root, filePath);
        if (!relative.startsWith('..') && !path.isAbsolute(relative)) return folder.settings;
      }
    }
    return this.settings;
  }

  /** The context a document's language service runs with. */
  contextFor(uri: string): ServiceContext {
    return { settings: this.settingsFor(uriToPath(uri)), workspace: this.workspace, cluster: this.cluster, refresh: this.refresh, trusted: this.trusted, helm: this.helm, kustomize: this.kustomize };
  }

  /** The Kubernetes version of a file when no modeline overrides it. */
  kubernetesVersionFor(filePath: string): string {
    return effectiveKubernetesVersion(this.settingsFor(filePath), undefined, this.clusterVersion);
  }

  /** The active Kubernetes version of no folder in particular (shown in the status bar). */
  get kubernetesVersion(): string {
    return this.kubernetesVersionFor('');
  }

  get kubernetesVersionSource(): KubernetesVersionSource {
    return kubernetesVersionSource(this.settings, this.clusterVersion);
  }

  /** Each workspace folder's version (the status bar shows the active file's folder's). */
  get folderVersions(): FolderKubernetesVersion[] {
    return this.folders.map((folder) => ({
      uri: folder.uri,
      kubernetesVersion: effectiveKubernetesVersion(folder.settings, undefined, this.clusterVersion),
      kubernetesVersionSource: kubernetesVersionSource(folder.settings, this.clusterVersion),
    }));
  }

  /** SourceFile for an open document, built once per version. */
  file(document: TextDocument): SourceFile | undefined {
    const cached = this.files.get(document.uri);
    if (cached && cached.version === document.version) return cached.file;
    const file = loadDocument(document, this.settingsFor(uriToPath(document.uri)), this.chartProbe, this.clusterVersion);
    const change = this.changes.get(document.uri);
    this.changes.delete(document.uri);
    if (file) {
      file.lineage = this.lineageOf(document.uri);
      if (change) file.change = change;
    }
    this.files.set(document.uri, { version: document.version, file });
    if (file) this.workspace.setOpen(file);
    return file;
  }

  close(uri: string): void {
    const file = this.files.get(uri)?.file;
    if (file) this.workspace.closeOpen(file.path);
    this.files.delete(uri);
    this.lineages.delete(uri);
    this.changes.delete(uri);
  }

  /**
   * Applies an editor's didChange to an open document (TextDocuments' update), one change at a time so each
   * range is read in the text it was made against, and keeps the span they cover for the next SourceFile.
   */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    // undefined: nothing changed since the last SourceFile; null: something of unknown extent did (a full text).
    let span = this.changes.get(document.uri);
    const previous = span === undefined ? document.getText() : span?.previous;
    for (const change of changes) {
      if (span !== null && previous !== undefined && 'range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        span = span ? { previous, ...widenChange(span, start, end, change.text.length) } : { previous, start, end, newEnd: start + change.text.length };
      } else {
        span = null;
      }
      document = TextDocument.update(document, [change], version);
    }
    if (span !== undefined) this.changes.set(document.uri, span);
    return document;
  }

  private lineageOf(uri: string): object {
    let lineage = this.lineages.get(uri);
    if (!lineage) this.lineages.set(uri, (lineage = {}));
    return lineage;
  }

  /** Settings or cluster changed: every open file's kind/version must be derived again. */
  forgetAll(): void {
    this.files.clear();
  }
}
