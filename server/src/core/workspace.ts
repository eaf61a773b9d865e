import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_CHECKED_BYTES } from './input-guard';
import { checkPath, readGuarded, realRoots, type ReadPolicy, type ReadResult } from './read-guard';
import type { SourceFile } from './source';

export type { ReadResult, RefusalReason } from './read-guard';

/**
 * Everything a language service may know beyond the document it checks: other files' text
 * (.dockerignore, .env, other manifests) and the other Shipshape files of the workspace.
 * Reads go through a cache invalidated by the file watcher, so a keystroke never waits on disk twice,
 * and through the read guard (core/read-guard.ts): regular files, a size cap, inside the roots.
 */
export interface Workspace {
  /** The open editor's text first, then disk through the guard; a refusal says why (for a diagnostic). */
  read(filePath: string): ReadResult;
  /** Text of a file, or undefined when absent, refused or unreadable. */
  readFile(filePath: string): string | undefined;
  exists(filePath: string): boolean;
  /** Whether a path is a folder (a kustomization's resource may be a file or a folder). */
  isDirectory(filePath: string): boolean;
  /** The names in a folder (files and folders), or [] when it is not one; a chart's templates are listed so. */
  list(folder: string): string[];
  /** Known Shipshape files of the workspace (open and indexed), for cross-file checks. */
  files(): Iterable<SourceFile>;
  /**
   * When `file` is one of files(), a number that changes whenever files() does: what is derived from every
   * file (the object index, the CRD index) is the same for each of them until it changes. Undefined otherwise.
   */
  revisionFor?(file: SourceFile): number | undefined;
  /** The files open in the editor (their text may be unsaved), e.g. to render a chart as the user sees it. */
  openFiles(): Iterable<SourceFile>;
  /** What read() allows (roots, size cap), for a reader outside this process (the engine) to apply the same guard. */
  readPolicy?(): ReadPolicy;
}

export interface WorkspaceOptions {
  /** Folders reads stay in: the workspace folders (the CLI: its working folder and arguments). */
  roots?: readonly string[];
  /** More folders the user allows (shipshape.files.readableFolders, machine-scoped). */
  extraRoots?: readonly string[];
  maxBytes?: number;
}

let revisions = 0;

/** A disk-backed workspace with an overlay of open documents. */
export class FileWorkspace implements Workspace {
  private readonly open = new Map<string, SourceFile>();
  private readonly indexed = new Map<string, SourceFile>();
  private readonly cache = new Map<string, ReadResult>();
  private roots: string[] = [];
  private extraRoots: string[] = [];
  private maxBytes = MAX_CHECKED_BYTES;
  /** From one counter for every workspace, so two workspaces never share a number (the indexes' caches are global). */
  private revision = ++revisions;

  constructor(options: WorkspaceOptions = {}) {
    this.configure(options);
  }

  /** New roots or limits: cached reads were judged by the old ones. */
  configure(options: WorkspaceOptions): void {
    if (options.roots) this.roots = realRoots(options.roots);
    if (options.extraRoots) this.extraRoots = realRoots(options.extraRoots.filter((root) => path.isAbsolute(root)));
    if (options.maxBytes) this.maxBytes = options.maxBytes;
    this.cache.clear();
  }

  /** Without workspace folders (one file opened alone), the folders of the known files bound reads. */
  readPolicy(): ReadPolicy {
    const roots = this.roots.length ? this.roots : realRoots([...new Set([...this.open.keys(), ...this.indexed.keys()].map((file) => path.dirname(file)))]);
    return { roots: [...roots, ...this.extraRoots], maxBytes: this.maxBytes };
  }

  setOpen(file: SourceFile): void {
    if (!file.path || this.open.get(file.path) === file) return;
    this.open.set(file.path, file);
    this.revision = ++revisions;
  }

  closeOpen(filePath: string): void {
    if (this.open.delete(filePath)) this.revision = ++revisions;
  }

  setIndexed(file: SourceFile): void {
    if (!file.path || this.indexed.get(file.path) === file) return;
    this.indexed.set(file.path, file);
    this.revision = ++revisions;
  }

  revisionFor(file: SourceFile): number | undefined {
    const member = this.open.get(file.path) === file || (!this.open.has(file.path) && this.indexed.get(file.path) === file);
    return member ? this.revision : undefined;
  }

  /** The index's SourceFile for a path (the file on disk as last indexed), if it has one. */
  indexedFile(filePath: string): SourceFile | undefined {
    return this.indexed.get(filePath);
  }

  removeIndexed(filePath: string): void {
    if (this.indexed.delete(filePath)) this.revision = ++revisions;
  }

  /** Called when a file changes on disk. */
  invalidate(filePath: string): void {
    this.cache.delete(filePath);
  }

  read(filePath: string): ReadResult {
    const open = this.open.get(filePath);
    if (open) return { ok: true, text: open.text };
    let result = this.cache.get(filePath);
    if (!result) {
      result = readGuarded(filePath, this.readPolicy());
      this.cache.set(filePath, result);
    }
    return result;
  }

  readFile(filePath: string): string | undefined {
    const result = this.read(filePath);
    return result.ok ? result.text : undefined;
  }

  /** Why a file could not be read (under `maxBytes`, if given), without opening it; undefined when it can. */
  check(filePath: string, maxBytes?: number): Extract<ReadResult, { ok: false }> | undefined {
    if (this.open.has(filePath)) return undefined;
    const policy = this.readPolicy();
    const checked = checkPath(filePath, maxBytes ? { ...policy, maxBytes } : policy);
    return checked.ok ? undefined : checked;
  }

  exists(filePath: string): boolean {
    if (this.open.has(filePath)) return true;
    const cached = this.cache.get(filePath);
    if (cached) return cached.ok || cached.reason !== 'missing' || isDirectory(filePath);
    return fs.existsSync(filePath);
  }

  isDirectory(filePath: string): boolean {
    return !this.open.has(filePath) && isDirectory(filePath);
  }

  list(folder: string): string[] {
    try {
      return fs.readdirSync(folder).sort();
    } catch {
      return [];
    }
  }

  openFiles(): Iterable<SourceFile> {
    return this.open.values();
  }

  *files(): Iterable<SourceFile> {
    yield* this.open.values();
    for (const [key, file] of this.indexed) if (!this.open.has(key)) yield file;
  }
}

function isDirectory(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

export function resolveBeside(file: SourceFile, relative: string): string {
  return path.resolve(path.dirname(file.path || '.'), relative);
}
