import { interpolate, type Lookup } from './interpolation';

export interface DotenvEntry {
  name: string;
  value: string;
  /** 0-based line of the definition in the file. */
  line: number;
}

/**
 * Parses a .env / env_file the way compose-go's dotenv package does for the common forms:
 * `KEY=value`, `export KEY=value`, single quotes (literal), double quotes (escapes, interpolation),
 * unquoted values with ` #` comments and interpolation of earlier keys and the environment.
 */
/** Index of the first `"` in `line` not preceded by a backslash (a line's first character follows a newline). */
function closingQuote(line: string): number {
  for (let k = line.indexOf('"'); k >= 0; k = line.indexOf('"', k + 1)) {
    if (k === 0 || line[k - 1] !== '\\') return k;
  }
  return -1;
}

/** The value before its ` #` comment. `/\s#/` finds the same cut as `/\s+#.*$/` without rescanning blank runs. */
function stripComment(raw: string): string {
  const comment = /\s#/.exec(raw);
  return (comment ? raw.slice(0, comment.index) : raw).trim();
}

export function parseDotenv(text: string, outer: Lookup = () => undefined): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const own = new Map<string, string>();
  const lookup: Lookup = (name) => outer(name) ?? own.get(name);
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([\w.-]+)\s*(?:[=:]\s*(.*))?$/.exec(line);
    if (!match) continue;
    const name = match[1];
    let raw = match[2] ?? '';
    let value: string;
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1);
      value = close > 0 ? raw.slice(1, close) : raw.slice(1);
    } else if (raw.startsWith('"')) {
      // A double-quoted value may span lines. Only each new line is searched for the closing quote: searching
      // the whole body again per line made an unclosed quote quadratic (20k lines: 20.7 s measured).
      const parts = [raw.slice(1)];
      let close = closingQuote(parts[0]);
      while (close < 0 && index + 1 < lines.length) {
        parts.push(lines[++index]);
        close = closingQuote(parts[parts.length - 1]);
      }
      const last = parts.length - 1;
      if (close >= 0) parts[last] = parts[last].slice(0, close);
      let body = parts.join('\n');
      body = body.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      value = interpolate(body, lookup).value;
    } else {
      raw = stripComment(raw);
      value = interpolate(raw, lookup).value;
    }
    if (match[2] === undefined) {
      // `KEY` alone takes its value from the environment, if any.
      const fromEnv = outer(name);
      if (fromEnv === undefined) continue;
      value = fromEnv;
    }
    own.set(name, value);
    entries.push({ name, value, line: index });
  }
  return entries;
}
