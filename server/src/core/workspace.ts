import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from './source';

/**
 * Everything a language service may know beyond the document it checks: other files' text
 * (.dockerignore, .env, other manifests) and the other Shipshape files of the workspace.
 * Reads go through a cache invalidated by the file watcher, so a keystroke never waits on disk twice.
 */
export interface Workspace {
  /** Text of a file: the open editor's version first, then disk; undefined when absent or unreadable. */
  readFile(filePath: string): string | undefined;
  exists(filePath: string): boolean;
  /** Known Shipshape files of the workspace (open and indexed), for cross-file checks. */
  files(): Iterable<SourceFile>;
}

/** A disk-backed workspace with an overlay of open documents. */
export class FileWorkspace implements Workspace {
  private readonly open = new Map<string, SourceFile>();
  private readonly indexed = new Map<string, SourceFile>();
  private readonly cache = new Map<string, string | undefined>();

  setOpen(file: SourceFile): void {
    if (file.path) this.open.set(file.path, file);
  }

  closeOpen(filePath: string): void {
    this.open.delete(filePath);
  }

  setIndexed(file: SourceFile): void {
    if (file.path) this.indexed.set(file.path, file);
  }

  removeIndexed(filePath: string): void {
    this.indexed.delete(filePath);
  }

  /** Called when a file changes on disk. */
  invalidate(filePath: string): void {
    this.cache.delete(filePath);
  }

  readFile(filePath: string): string | undefined {
    const open = this.open.get(filePath);
    if (open) return open.text;
    if (this.cache.has(filePath)) return this.cache.get(filePath);
    let text: string | undefined;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch {
      text = undefined;
    }
    this.cache.set(filePath, text);
    return text;
  }

  exists(filePath: string): boolean {
    if (this.open.has(filePath)) return true;
    if (this.cache.has(filePath)) return this.cache.get(filePath) !== undefined || isDirectory(filePath);
    return fs.existsSync(filePath);
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
