/**
 * Which files of a workspace folder are the user's: not excluded by `files.exclude` (the folder's globs) nor by
 * a `.gitignore` (the folder's own and every nested one, each relative to its folder, a deeper file's rules
 * winning, `!` re-including), as VS Code's explorer and search leave them out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ExcludeGlobs } from './glob';
import { readGuarded, realRoots } from './read-guard';

/** A .gitignore larger than this is not a hand-written one: read no further than it. */
const MAX_GITIGNORE_BYTES = 256 * 1024;

export type ExclusionReason = 'files.exclude' | '.gitignore';

export class WorkspaceFilter {
  private readonly exclude: ExcludeGlobs;
  /** Each folder's .gitignore rules (undefined: it has none), read once until forget(). */
  private readonly rules = new Map<string, Ignore | undefined>();

  constructor(
    readonly root: string,
    exclude: unknown,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.exclude = new ExcludeGlobs(exclude);
  }

  /**
   * Why `filePath` itself is left out, assuming its parent folder is not (a walk prunes excluded folders, so it
   * asks about each entry once). `isDirectory`: dir-only .gitignore rules (`build/`) apply to folders only.
   */
  excludes(filePath: string, isDirectory: boolean): ExclusionReason | undefined {
    const relative = this.relative(filePath);
    if (relative === undefined || relative === '') return undefined;
    if (!this.exclude.empty && this.exclude.matches(relative, (name) => fs.existsSync(path.join(path.dirname(filePath), name)))) return 'files.exclude';
    return this.gitignored(filePath, isDirectory) ? '.gitignore' : undefined;
  }

  /** Why `filePath` or a folder above it (inside the root) is left out: for one path reported by a watcher. */
  covers(filePath: string): ExclusionReason | undefined {
    const relative = this.relative(filePath);
    if (!relative) return undefined;
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const reason = this.excludes(path.join(this.root, ...parts.slice(0, i)), i < parts.length);
      if (reason) return reason;
    }
    return undefined;
  }

  /** A .gitignore changed: read it again next time. */
  forget(dir: string): void {
    this.rules.delete(dir);
  }

  private relative(filePath: string): string | undefined {
    const relative = path.relative(this.root, filePath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /** The last rule that matches, from the root's .gitignore down to the parent folder's, decides. */
  private gitignored(filePath: string, isDirectory: boolean): boolean {
    let ignored = false;
    const dirs: string[] = [];
    for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
      dirs.unshift(dir);
      if (dir === this.root || dir === path.dirname(dir)) break;
    }
    for (const dir of dirs) {
      const rules = this.rulesOf(dir);
      if (!rules) continue;
      const relative = path.relative(dir, filePath).split(path.sep).join('/') + (isDirectory ? '/' : '');
      const result = rules.test(relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private rulesOf(dir: string): Ignore | undefined {
    if (this.rules.has(dir)) return this.rules.get(dir);
    const file = path.join(dir, '.gitignore');
    let rules: Ignore | undefined;
    // Through the read guard: a .gitignore that is a FIFO or a link out of the folder is not followed.
    const read = fs.existsSync(file) ? readGuarded(file, { roots: realRoots([this.root]), maxBytes: MAX_GITIGNORE_BYTES }) : undefined;
    if (read?.ok) rules = ignore({ allowRelativePaths: true }).add(read.text);
    else if (read && read.reason !== 'missing') this.log(`Workspace diagnostics: ${file} ${read.message}; its rules are not applied`);
    this.rules.set(dir, rules);
    return rules;
  }
}
