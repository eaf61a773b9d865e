import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, Diagnostic, FileEvent, TextDocuments } from 'vscode-languageserver/node';
import { FileChangeType } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceDiagnosticsStatus } from '../../../protocol';
import { isCandidatePath } from '../core/detect';
import { loadFile } from '../core/load';
import type { LanguageRegistry } from '../core/registry';
import { pathToUri, uriToPath, type SourceFile } from '../core/source';
import { walkCandidates } from '../core/walk';
import { WorkspaceFilter } from '../core/workspace-filter';
import type { ServerState } from './state';
import type { ValidationScheduler } from './validation';

/** A workspace folder as the pass walks it: its files.exclude (pulled with its scopeUri) beside its path. */
export interface PassFolder {
  uri: string;
  root: string;
  exclude?: unknown;
}

/** Bounded so a huge monorepo cannot keep the server busy for ever; the log says when it stopped. */
const MAX_WORKSPACE_FILES = 20_000;
/** Closed files above this are skipped (logged): checking one would hold the server for the next keystroke. */
const MAX_PASS_BYTES = 1024 * 1024;
/** Progress reaches the status bar at most this often. */
const STATUS_INTERVAL_MS = 250;

/**
 * The workspace pass: every Shipshape file of the workspace folders whose shipshape.diagnostics.scope is
 * "workspace" (the default), checked with the same language services as open files and published, so
 * closed files' problems are in the Problems panel. It walks the folders leaving out files.exclude and
 * .gitignore matches, one file per turn of the event loop and only while no open document waits for
 * validation, so typing never queues behind it. A changed file is checked again before the walk goes on;
 * new settings, a new .gitignore or a new cluster restart the walk (what it published and no longer sees is
 * cleared at the end); a deleted or excluded file loses its diagnostics. Published rather than pulled
 * (workspace/diagnostic): open files are pushed already, and every LSP client shows pushed diagnostics.
 */
export class WorkspaceDiagnostics {
  private folders: PassFolder[] = [];
  private filters = new Map<string, WorkspaceFilter>();
  /** Bumped by every restart: a result computed for an older walk is dropped, the new walk checks it again. */
  private generation = 0;
  private walker: Iterator<string> | undefined;
  /** Files the current walk reached (or was told about), so the end of the walk knows what left the workspace. */
  private seen = new Set<string>();
  /** Files to check before the walk goes on: changed on disk, or just closed in the editor. */
  private readonly queue: string[] = [];
  private working = false;
  private checked = 0;
  private started = 0;
  private state: WorkspaceDiagnosticsStatus['state'] = 'off';
  /** Closed files the pass published problems for (cleared when they leave the workspace). */
  private readonly closedPublished = new Set<string>();
  /** Problems published per URI, open files included, for the count in the status bar. */
  private readonly problems = new Map<string, number>();
  private statusTimer: NodeJS.Timeout | undefined;
  private lastStatus = 0;
  private readonly skippedLogged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly serverState: ServerState,
    private readonly registry: LanguageRegistry,
    private readonly validation: ValidationScheduler,
    /** Sends the status notification (the server adds what else it carries). */
    private readonly sendStatus: () => void,
  ) {
    validation.onPublished((uri, diagnostics) => this.count(uri, diagnostics));
  }

  /** New folders or files.exclude values: filters are rebuilt (call restart() to apply them). */
  configure(folders: readonly PassFolder[]): void {
    this.folders = [...folders].sort((a, b) => a.root.length - b.root.length);
    this.filters = new Map(this.folders.map((folder) => [folder.root, new WorkspaceFilter(folder.root, folder.exclude, (message) => this.log(message))]));
  }

  /** Drops the walk under way (the file being checked finishes, its result is dropped) and starts over. */
  restart(): void {
    this.generation++;
    this.seen = new Set();
    this.queue.length = 0;
    this.checked = 0;
    this.started = Date.now();
    this.skippedLogged.clear();
    this.walker = this.walk();
    this.state = this.folders.some((folder) => this.inScope(folder.root)) ? 'checking' : 'off';
    // What the new settings or .gitignore leave out goes now, not when the walk ends.
    for (const uri of [...this.closedPublished]) if (!this.documents.get(uri) && !this.included(uriToPath(uri))) this.clear(uri);
    this.notify();
    void this.work();
  }

  status(): WorkspaceDiagnosticsStatus {
    let problems = 0;
    let files = 0;
    for (const count of this.problems.values()) {
      problems += count;
      if (count) files++;
    }
    return { state: this.state, checked: this.checked, problems, files };
  }

  /** The watcher's events: checked again first, cleared when deleted; a .gitignore restarts the walk. */
  changed(changes: readonly FileEvent[]): void {
    let restart = false;
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (!filePath) continue;
      if (path.basename(filePath) === '.gitignore') {
        this.filterOf(filePath)?.forget(path.dirname(filePath));
        restart = true;
      } else if (change.type === FileChangeType.Deleted) {
        // A deleted folder comes as one event: everything published under it goes.
        for (const uri of [...this.closedPublished]) {
          const published = uriToPath(uri);
          if (published === filePath || published.startsWith(filePath + path.sep)) this.clear(uri);
        }
      } else if (isCandidatePath(filePath)) {
        this.enqueue(filePath);
      } else {
        // .env, .dockerignore: what they change is reported on the files beside them.
        for (const sibling of candidatesIn(path.dirname(filePath))) this.enqueue(sibling);
      }
    }
    if (restart) this.restart();
    else void this.work();
  }

  /**
   * An editor closed: true when the pass takes the file over (it checks the text on disk next and replaces the
   * editor's diagnostics), false when they should be cleared now.
   */
  closed(uri: string): boolean {
    const filePath = uriToPath(uri);
    if (!filePath || !this.included(filePath)) return false;
    this.closedPublished.add(uri);
    this.enqueue(filePath, true);
    void this.work();
    return true;
  }

  private enqueue(filePath: string, first = false): void {
    if (this.queue.includes(filePath)) return;
    if (first) this.queue.unshift(filePath);
    else this.queue.push(filePath);
  }

  private inScope(filePath: string): boolean {
    return this.serverState.settingsFor(filePath).diagnostics.scope === 'workspace';
  }

  /** The innermost folder holding the file. */
  private folderOf(filePath: string): PassFolder | undefined {
    let found: PassFolder | undefined;
    for (const folder of this.folders) {
      const relative = path.relative(folder.root, filePath);
      if (!relative.startsWith('..') && !path.isAbsolute(relative)) found = folder;
    }
    return found;
  }

  private filterOf(filePath: string): WorkspaceFilter | undefined {
    const folder = this.folderOf(filePath);
    return folder && this.filters.get(folder.root);
  }

  private included(filePath: string): boolean {
    const filter = this.filterOf(filePath);
    return !!filter && this.inScope(filePath) && !filter.covers(filePath);
  }

  private *walk(): Generator<string> {
    let count = 0;
    for (const folder of this.folders) {
      if (!this.inScope(folder.root)) continue;
      const filter = this.filters.get(folder.root)!;
      // A folder nested in another is walked on its own, with its own settings and excludes.
      const nested = new Set(this.folders.filter((other) => other !== folder && other.root.startsWith(folder.root + path.sep)).map((other) => other.root));
      for (const filePath of walkCandidates(folder.root, {
        skip: (entry, isDirectory) => (isDirectory && nested.has(entry)) || filter.excludes(entry, isDirectory) !== undefined,
        refused: (entry, why) => this.skipped(entry, why),
      })) {
        if (++count > MAX_WORKSPACE_FILES) {
          this.log(`Workspace diagnostics: stopped after ${MAX_WORKSPACE_FILES} files; set shipshape.diagnostics.scope to "openFiles" or exclude folders (files.exclude, .gitignore) to check the rest`);
          return;
        }
        yield filePath;
      }
    }
  }

  /** One file per turn, open documents first; ends when the walk and the queue are both done. */
  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      for (;;) {
        await this.validation.idle();
        const generation = this.generation;
        const next = this.next();
        if (next === undefined) break;
        await this.check(next, generation);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.working = false;
    }
  }

  private next(): string | undefined {
    const queued = this.queue.shift();
    if (queued !== undefined) {
      this.seen.add(queued);
      return queued;
    }
    if (!this.walker) return undefined;
    const step = this.walker.next();
    if (!step.done) {
      this.seen.add(step.value);
      this.checked++;
      return step.value;
    }
    this.walker = undefined;
    this.finish();
    return undefined;
  }

  /** The walk ended: what was published before and is no longer part of the workspace goes. */
  private finish(): void {
    for (const uri of [...this.closedPublished]) {
      if (!this.seen.has(uriToPath(uri)) && !this.documents.get(uri)) this.clear(uri);
    }
    if (this.state === 'checking') {
      this.state = 'done';
      const { problems, files } = this.status();
      this.log(`Workspace diagnostics: checked ${this.checked} files in ${Date.now() - this.started} ms; ${problems} problems in ${files} files`);
    }
    this.notify(true);
  }

  private async check(filePath: string, generation: number): Promise<void> {
    const uri = pathToUri(filePath);
    // An open document is the editor's: its text, validated as it changes.
    if (this.documents.get(uri)) return;
    if (!this.included(filePath)) return this.clear(uri);
    const workspace = this.serverState.workspace;
    const refused = workspace.check(filePath, MAX_PASS_BYTES);
    const read = refused ?? workspace.read(filePath);
    if (!read.ok) {
      if (read.reason !== 'missing') this.skipped(filePath, read.message);
      return this.clear(uri);
    }
    const file = this.current(filePath, loadFile(filePath, read.text, this.serverState.settingsFor(filePath), this.serverState.chartProbe, this.serverState.clusterVersion));
    const diagnostics = file ? await this.registry.validate(file, this.serverState.contextFor(uri)) : [];
    if (generation !== this.generation || this.documents.get(uri)) return;
    if (diagnostics.length || this.closedPublished.has(uri)) this.publish(uri, diagnostics);
  }

  /**
   * The index's SourceFile when it is this one (same text, kind and version), else `loaded` put in its place.
   * Checked as the index holds it, a closed file leaves the workspace's object and CRD indexes as they were:
   * the open documents' cross-file results stay cached between the pass's files. After a settings change
   * the index's files are replaced one by one as the pass reaches them.
   */
  private current(filePath: string, loaded: SourceFile | undefined): SourceFile | undefined {
    const indexed = this.serverState.workspace.indexedFile(filePath);
    if (!loaded || !indexed) return loaded;
    if (indexed.text === loaded.text && indexed.kind === loaded.kind && indexed.kubernetesVersion === loaded.kubernetesVersion) return indexed;
    this.serverState.workspace.setIndexed(loaded);
    return loaded;
  }

  private publish(uri: string, diagnostics: Diagnostic[]): void {
    void this.connection.sendDiagnostics({ uri, diagnostics });
    if (diagnostics.length) this.closedPublished.add(uri);
    else this.closedPublished.delete(uri);
    this.count(uri, diagnostics);
  }

  private clear(uri: string): void {
    if (this.closedPublished.has(uri)) this.publish(uri, []);
  }

  private count(uri: string, diagnostics: readonly Diagnostic[]): void {
    if (diagnostics.length) this.problems.set(uri, diagnostics.length);
    else if (!this.problems.delete(uri)) return;
    this.notify();
  }

  /** The status notification, throttled: progress and counts change with every file. */
  private notify(now = false): void {
    if (this.statusTimer && !now) return;
    clearTimeout(this.statusTimer);
    const wait = now ? 0 : Math.max(0, STATUS_INTERVAL_MS - (Date.now() - this.lastStatus));
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.lastStatus = Date.now();
      this.sendStatus();
    }, wait);
    this.statusTimer.unref?.();
  }

  private skipped(filePath: string, why: string): void {
    if (this.skippedLogged.has(filePath)) return;
    this.skippedLogged.add(filePath);
    this.log(`Workspace diagnostics: skipped ${filePath}: ${why}`);
  }

  private log(message: string): void {
    this.connection.console.info(message);
  }
}

function candidatesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && isCandidatePath(entry.name))
      .map((entry) => path.join(dir, entry.name));
  } catch {
    return [];
  }
}
