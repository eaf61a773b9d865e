/**
 * Variable references in a Dockerfile word, found the way BuildKit's shell lexer (frontend/dockerfile/shell)
 * expands them: `$name`, `${name}`, `${name:-word}`… outside single quotes, with the escape token.
 * Offsets are indexes into the scanned string.
 */

export interface VariableRef {
  name: string;
  /** Index of `$`, and one past the end of the whole reference. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** `-`, `:-`, `+`, `?`, `#`, `%`, `/`…, or '' for a plain reference. */
  modifier: string;
  braced: boolean;
}

export interface ScanResult {
  refs: VariableRef[];
  error?: { message: string; start: number; end: number };
}

export interface ScanOptions {
  escape: string;
  /** Quotes are literal (heredoc bodies expanded by BuildKit). */
  skipQuotes?: boolean;
}

const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
// ASCII fast paths; the Unicode classes (Go's unicode.IsLetter/IsDigit) only for other characters.
const isLetter = (ch: string) => {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /\p{L}/u.test(ch);
};
const isDigit = (ch: string) => {
  const c = ch.charCodeAt(0);
  if (c < 128) return c >= 48 && c <= 57;
  return /\p{Nd}/u.test(ch);
};

class ScanError {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** One pass over a word; a class so a scan allocates one object, not a closure per helper. */
class Scanner {
  pos = 0;
  readonly refs: VariableRef[] = [];

  constructor(
    private readonly s: string,
    private readonly esc: string,
    private readonly skipQuotes: boolean,
  ) {}

  fail(message: string, start: number): never {
    throw new ScanError(message, start, Math.min(this.s.length, Math.max(start + 1, this.pos)));
  }

  processName(): string {
    const s = this.s;
    const begin = this.pos;
    if (this.pos < s.length) {
      const ch = s[this.pos];
      if (isDigit(ch)) {
        while (this.pos < s.length && isDigit(s[this.pos])) this.pos++;
        return s.slice(begin, this.pos);
      }
      if (SPECIAL.has(ch)) {
        this.pos++;
        return ch;
      }
    }
    while (this.pos < s.length) {
      const ch = s[this.pos];
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      this.pos++;
    }
    return s.slice(begin, this.pos);
  }

  processDollar(): void {
    const s = this.s;
    const start = this.pos;
    this.pos++;
    if (s[this.pos] !== '{') {
      const nameStart = this.pos;
      const name = this.processName();
      if (name) this.refs.push({ name, start, end: this.pos, nameStart, nameEnd: this.pos, modifier: '', braced: false });
      return;
    }
    this.pos++;
    if (this.pos >= s.length) this.fail("syntax error: missing '}'", start);
    if (s[this.pos] === '{' || s[this.pos] === '}' || s[this.pos] === ':') this.fail('syntax error: bad substitution', start);
    const nameStart = this.pos;
    const name = this.processName();
    const ref: VariableRef = { name, start, end: this.pos, nameStart, nameEnd: this.pos, modifier: '', braced: true };
    this.refs.push(ref);
    const ch = s[this.pos++];
    if (ch === '}') {
      ref.end = this.pos;
      return;
    }
    let modifier = ch ?? '';
    let op = ch;
    if (ch === ':') {
      op = s[this.pos++];
      modifier += op ?? '';
    }
    if (op === '+' || op === '-' || op === '?' || op === '#' || op === '%') {
      if (modifier.startsWith(':') && (op === '#' || op === '%')) this.fail(`unsupported modifier (${modifier}) in substitution`, start);
      ref.modifier = modifier;
      this.processStopOn('}', start);
      ref.end = this.pos;
      return;
    }
    if (ch === '/') {
      ref.modifier = '/';
      if (s[this.pos] === '/') this.pos++;
      this.processStopOn('/', start);
      this.processStopOn('}', start);
      ref.end = this.pos;
      return;
    }
    if (ch === undefined) this.fail("syntax error: missing '}'", start);
    this.fail(`unsupported modifier (${modifier}) in substitution`, start);
  }

  singleQuote(): void {
    const start = this.pos;
    const close = this.s.indexOf("'", this.pos + 1);
    if (close < 0) {
      this.pos = this.s.length;
      this.fail('unexpected end of statement while looking for matching single-quote', start);
    }
    this.pos = close + 1;
  }

  doubleQuote(): void {
    const s = this.s;
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= s.length) this.fail('unexpected end of statement while looking for matching double-quote', start);
      const ch = s[this.pos];
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '$') {
        this.processDollar();
        continue;
      }
      this.pos++;
      if (ch === this.esc && this.pos < s.length && (s[this.pos] === '"' || s[this.pos] === '$' || s[this.pos] === this.esc)) this.pos++;
    }
  }

  processStopOn(stop: string, start: number): void {
    const s = this.s;
    while (this.pos < s.length) {
      const ch = s[this.pos];
      if (stop && ch === stop) {
        this.pos++;
        return;
      }
      if (ch === '$') {
        this.processDollar();
        continue;
      }
      if (!this.skipQuotes && ch === "'") {
        this.singleQuote();
        continue;
      }
      if (!this.skipQuotes && ch === '"') {
        this.doubleQuote();
        continue;
      }
      this.pos++;
      if (ch === this.esc) this.pos++;
    }
    if (stop) this.fail(`unexpected end of statement while looking for matching ${stop}`, start);
  }
}

export function scanVariables(s: string, options: ScanOptions): ScanResult {
  // Most words have no `$` or quote at all: nothing to find and nothing to get wrong.
  if (!/[$'"]/.test(s)) return { refs: [] };
  const scanner = new Scanner(s, options.escape, !!options.skipQuotes);
  try {
    scanner.processStopOn('', 0);
  } catch (error) {
    if (error instanceof ScanError) return { refs: scanner.refs, error: { message: error.message, start: error.start, end: error.end } };
    throw error;
  }
  return { refs: scanner.refs };
}

/** Thrown inside the expander when a value depends on something unknown (an image's ENV value). */
class Unknown {}

/**
 * BuildKit's ProcessWord: the word with quotes removed and variables substituted, `${x:-d}`, `${x:+v}`,
 * `${x-d}`, `${x+v}` included. `env` maps names to values; null means "set, value unknown". Returns null when
 * the result depends on an unknown value or on a pattern operator (`#`, `%`, `/`) applied to a set variable.
 */
export function expandWord(s: string, env: ReadonlyMap<string, string | null>, escape: string): string | null {
  let pos = 0;
  const getEnv = (name: string): { set: boolean; value: string } => {
    if (!env.has(name)) return { set: false, value: '' };
    const value = env.get(name);
    if (value === null || value === undefined) throw new Unknown();
    return { set: true, value };
  };
  const name = (): string => {
    const begin = pos;
    if (pos < s.length && isDigit(s[pos])) {
      while (pos < s.length && isDigit(s[pos])) pos++;
      return s.slice(begin, pos);
    }
    if (pos < s.length && SPECIAL.has(s[pos])) return s[pos++];
    while (pos < s.length && (isLetter(s[pos]) || isDigit(s[pos]) || s[pos] === '_')) pos++;
    return s.slice(begin, pos);
  };
  const dollar = (): string => {
    pos++;
    if (s[pos] !== '{') {
      const n = name();
      return n ? getEnv(n).value : '$';
    }
    pos++;
    if (pos >= s.length || s[pos] === '{' || s[pos] === '}' || s[pos] === ':') throw new Unknown();
    const n = name();
    const ch = s[pos++];
    if (ch === '}') return getEnv(n).value;
    let op = ch;
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      op = s[pos++];
    }
    if (op === '-' || op === '+' || op === '?') {
      const word = until('}');
      // A value we do not know is still set and (for the images we know) not empty: `+` needs no more.
      if (env.has(n) && env.get(n) === null && op === '+') return word;
      const { set, value } = env.has(n) ? getEnv(n) : { set: false, value: '' };
      const empty = !set || (nullIsUnset && value === '');
      if (op === '-') return empty ? word : value;
      if (op === '+') return empty ? '' : word;
      if (!set) throw new Unknown(); // `?` fails the build when unset
      return value;
    }
    if (op === '#' || op === '%' || ch === '/') {
      until('}');
      if (env.has(n)) throw new Unknown();
      return '';
    }
    throw new Unknown();
  };
  const until = (stop: string): string => {
    let out = '';
    while (pos < s.length) {
      const ch = s[pos];
      if (stop && ch === stop) {
        pos++;
        return out;
      }
      if (ch === '$') {
        out += dollar();
        continue;
      }
      if (ch === "'") {
        const close = s.indexOf("'", pos + 1);
        if (close < 0) throw new Unknown();
        out += s.slice(pos + 1, close);
        pos = close + 1;
        continue;
      }
      if (ch === '"') {
        pos++;
        for (;;) {
          if (pos >= s.length) throw new Unknown();
          const c = s[pos];
          if (c === '"') {
            pos++;
            break;
          }
          if (c === '$') {
            out += dollar();
            continue;
          }
          pos++;
          if (c === escape && pos < s.length && (s[pos] === '"' || s[pos] === '$' || s[pos] === escape)) {
            out += s[pos++];
            continue;
          }
          out += c;
        }
        continue;
      }
      pos++;
      if (ch === escape) {
        if (pos < s.length) out += s[pos++];
        continue;
      }
      out += ch;
    }
    if (stop) throw new Unknown();
    return out;
  };
  try {
    return until('');
  } catch (error) {
    if (error instanceof Unknown) return null;
    throw error;
  }
}
