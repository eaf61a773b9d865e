/**
 * VS Code's glob syntax, as `files.exclude` uses it: `*` and `?` within a path segment, `**` across any number
 * of segments, `{a,b}` alternatives, `[a-z]` / `[!a-z]` character ranges; patterns are relative to the
 * workspace folder and use `/` whatever the platform.
 */

/** A `files.exclude` value: `true`, or `{ when: "$(basename).ts" }` (excluded only beside a sibling). */
export type ExcludeValue = boolean | { when?: unknown };

/** The regular expression a glob stands for, matching a whole relative path. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.replace(/^\.\//, '').replace(/\/+$/, ''))}$`);
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (atStart && glob[i + 1] === '/') {
          out += '(?:[^/]*/)*';
          i++;
        } else if (atStart && i === glob.length - 1) {
          // A trailing `**` (or the whole pattern): everything below, or nothing more (`a/**` matches `a`).
          out = out.endsWith('/') ? `${out.slice(0, -1)}(?:/.*)?` : `${out}.*`;
        } else {
          out += '[^/]*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      const end = closing(glob, i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${splitAlternatives(glob.slice(i + 1, end))
        .map(translate)
        .join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      const body = glob.slice(i + 1, end);
      out += `[${body.startsWith('!') ? `^${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
      i = end;
    } else {
      out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  return out;
}

function closing(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `a,{b,c},d` → ['a', '{b,c}', 'd']: commas of nested groups belong to them. */
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}

/** Matches relative paths against a `files.exclude` object (keys are globs; false or a bad value disables a key). */
export class ExcludeGlobs {
  private readonly always: RegExp[] = [];
  private readonly when: { pattern: RegExp; sibling: string }[] = [];

  constructor(exclude: unknown) {
    if (typeof exclude !== 'object' || exclude === null) return;
    for (const [glob, value] of Object.entries(exclude as Record<string, ExcludeValue>)) {
      if (!glob) continue;
      if (value === true) this.always.push(globToRegExp(glob));
      else if (typeof value === 'object' && value !== null && typeof value.when === 'string') this.when.push({ pattern: globToRegExp(glob), sibling: value.when });
    }
  }

  get empty(): boolean {
    return !this.always.length && !this.when.length;
  }

  /**
   * Whether `relative` (to the folder, `/`-separated) itself is excluded. `hasSibling(name)` answers whether a
   * file of that name sits beside it, for `when` clauses (`$(basename)` is its name without the extension).
   */
  matches(relative: string, hasSibling: (name: string) => boolean): boolean {
    if (this.always.some((pattern) => pattern.test(relative))) return true;
    if (!this.when.length) return false;
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    const basename = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
    return this.when.some(({ pattern, sibling }) => pattern.test(relative) && hasSibling(sibling.replaceAll('$(basename)', basename)));
  }
}
