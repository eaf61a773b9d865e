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
const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);

export function scanVariables(s: string, options: ScanOptions): ScanResult {
  const refs: VariableRef[] = [];
  const esc = options.escape;
  let pos = 0;
  let error: ScanResult['error'];
  const fail = (message: string, start: number) => {
    error ??= { message, start, end: Math.min(s.length, Math.max(start + 1, pos)) };
    throw error;
  };

  const processName = (): string => {
    let name = '';
    while (pos < s.length) {
      const ch = s[pos];
      if (name.length === 0 && isDigit(ch)) {
        while (pos < s.length && isDigit(s[pos])) name += s[pos++];
        return name;
      }
      if (name.length === 0 && SPECIAL.has(ch)) {
        pos++;
        return ch;
      }
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += ch;
      pos++;
    }
    return name;
  };

  const processDollar = (): void => {
    const start = pos;
    pos++;
    if (s[pos] !== '{') {
      const nameStart = pos;
      const name = processName();
      if (name) refs.push({ name, start, end: pos, nameStart, nameEnd: pos, modifier: '', braced: false });
      return;
    }
    pos++;
    if (pos >= s.length) fail("syntax error: missing '}'", start);
    if (s[pos] === '{' || s[pos] === '}' || s[pos] === ':') fail('syntax error: bad substitution', start);
    const nameStart = pos;
    const name = processName();
    const nameEnd = pos;
    const ref: VariableRef = { name, start, end: pos, nameStart, nameEnd, modifier: '', braced: true };
    refs.push(ref);
    const ch = s[pos++];
    if (ch === '}') { ref.end = pos; return; }
    let modifier = ch ?? '';
    let op = ch;
    if (ch === ':') { op = s[pos++]; modifier += op ?? ''; }
    if (op === '+' || op === '-' || op === '?' || op === '#' || op === '%') {
      if (modifier.startsWith(':') && (op === '#' || op === '%')) fail(`unsupported modifier (${modifier}) in substitution`, start);
      ref.modifier = modifier;
      processStopOn('}', start);
      ref.end = pos;
      return;
    }
    if (ch === '/') {
      ref.modifier = '/';
      if (s[pos] === '/') pos++;
      processStopOn('/', start);
      processStopOn('}', start);
      ref.end = pos;
      return;
    }
    if (ch === undefined) fail("syntax error: missing '}'", start);
    fail(`unsupported modifier (${modifier}) in substitution`, start);
  };

  const singleQuote = (): void => {
    const start = pos;
    pos++;
    while (pos < s.length && s[pos] !== '\'') pos++;
    if (pos >= s.length) fail('unexpected end of statement while looking for matching single-quote', start);
    pos++;
  };

  const doubleQuote = (): void => {
    const start = pos;
    pos++;
    for (;;) {
      if (pos >= s.length) fail('unexpected end of statement while looking for matching double-quote', start);
      const ch = s[pos];
      if (ch === '"') { pos++; return; }
      if (ch === '$') { processDollar(); continue; }
      pos++;
      if (ch === esc && pos < s.length && (s[pos] === '"' || s[pos] === '$' || s[pos] === esc)) pos++;
    }
  };

  const processStopOn = (stop: string, start: number): void => {
    while (pos < s.length) {
      const ch = s[pos];
      if (stop && ch === stop) { pos++; return; }
      if (ch === '$') { processDollar(); continue; }
      if (!options.skipQuotes && ch === '\'') { singleQuote(); continue; }
      if (!options.skipQuotes && ch === '"') { doubleQuote(); continue; }
      pos++;
      if (ch === esc) pos++;
    }
    if (stop) fail(`unexpected end of statement while looking for matching ${stop}`, start);
  };

  try {
    processStopOn('', 0);
  } catch {
    return { refs, error };
  }
  return { refs };
}
