/**
 * A Dockerfile parser that follows BuildKit's own (frontend/dockerfile/parser) line by line, so that
 * line numbers, continuation handling, comments inside continuations, heredocs and directives match
 * what `docker build` sees. Unlike BuildKit it never stops at the first problem: it records errors and
 * keeps going, and it keeps a document offset for every character of a joined logical line.
 */

export interface Span {
  start: number;
  end: number;
}

/** A word of an instruction: its value as BuildKit's parser produces it (quotes kept), and where it is. */
export interface Word extends Span {
  value: string;
}

export interface Flag extends Span {
  /** Flag name without the leading `--` (before `=`). */
  name: string;
  value: string;
  hasValue: boolean;
  /** Offset where the value starts (after `=`), or `end` when there is none. */
  valueStart: number;
}

export interface Heredoc {
  name: string;
  chomp: boolean;
  expand: boolean;
  content: string;
  /** Offset of the first content character and of the terminator line. */
  contentStart: number;
  terminatorStart: number;
  terminated: boolean;
}

export interface ParseProblem extends Span {
  message: string;
}

export interface Instruction extends Span {
  /** Keyword as written, e.g. `from`, `Run`. */
  keyword: string;
  /** Lower-case keyword. */
  name: string;
  keywordSpan: Span;
  /** 0-based first and last line (last includes heredoc bodies). */
  startLine: number;
  endLine: number;
  flags: Flag[];
  /** The arguments after the flags as one span of the joined line. */
  argsText: string;
  argsSpan: Span;
  args: Word[];
  json: boolean;
  heredocs: Heredoc[];
  /** Comments right above the instruction (BuildKit's PrevComment). */
  comments: string[];
  /** Lines that were blank inside a continuation (NoEmptyContinuation). */
  emptyContinuationLines: number[];
  /** ONBUILD's trigger instruction. */
  trigger?: Instruction;
  /** A copy of a base stage's ONBUILD trigger, run at the start of a child stage (see model.dispatched). */
  fromTrigger?: boolean;
  /**
   * Joined-line index -> document offset, as segments: [joinedStart, documentOffset] pairs flattened, one per
   * physical line piece (a continuation starts a new segment).
   */
  map: number[];
  joined: string;
  problems: ParseProblem[];
}

export interface Directive extends Span {
  name: string;
  value: string;
  line: number;
  valueSpan: Span;
}

export interface Comment extends Span {
  text: string;
  line: number;
}

export interface DockerfileAst {
  text: string;
  escape: string;
  directives: Directive[];
  instructions: Instruction[];
  comments: Comment[];
  problems: ParseProblem[];
  /** Line start offsets. */
  lineStarts: number[];
}

const HEREDOC_CAPABLE = new Set(['add', 'copy', 'run']);
const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

interface RawLine {
  text: string;
  start: number;
  /** Offset after the line's text, before its newline. */
  end: number;
  index: number;
}

function splitLines(text: string): { lines: RawLine[]; lineStarts: number[] } {
  const lines: RawLine[] = [];
  const lineStarts: number[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl;
    lineStarts.push(start);
    if (nl < 0 && start === text.length && index > 0) break;
    let end = stop;
    if (end > start && text[end - 1] === '\r') end--;
    lines.push({ text: text.slice(start, end), start, end, index });
    index++;
    if (nl < 0) break;
    start = nl + 1;
  }
  return { lines, lineStarts };
}

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\v' || ch === '\f' || ch === '\r' || ch === '\n' || ch === '\u00a0' || ch === '\u0085';

function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

function isCommentLine(s: string): boolean {
  const i = leadingSpace(s);
  return s[i] === '#';
}

export function parseDockerfile(text: string): DockerfileAst {
  const bomless = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const { lines, lineStarts } = splitLines(text);
  const ast: DockerfileAst = { text, escape: '\\', directives: [], instructions: [], comments: [], problems: [], lineStarts };
  let escape = '\\';
  let directivesDone = false;
  const seen = new Set<string>();
  let comments: string[] = [];

  // BuildKit's DirectiveParser: leading `# key=value` lines until the first line that is not one.
  const tryDirective = (line: RawLine, text: string, offset: number): boolean => {
    if (directivesDone) return false;
    if (!text.startsWith('#')) {
      directivesDone = true;
      return false;
    }
    const rest = text.slice(1);
    const lead = leadingSpace(rest);
    const match = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(rest.slice(lead));
    if (!match) {
      directivesDone = true;
      return false;
    }
    const key = match[1].toLowerCase();
    if (!VALID_DIRECTIVES.has(key)) {
      directivesDone = true;
      return false;
    }
    const start = offset;
    const valueOffset = offset + 1 + lead + match[0].indexOf(match[2], match[1].length);
    if (seen.has(key)) {
      ast.problems.push({ start, end: offset + text.length, message: `only one ${key} parser directive can be used` });
      return false;
    }
    seen.add(key);
    ast.directives.push({ name: key, value: match[2], line: line.index, start, end: offset + text.length, valueSpan: { start: valueOffset, end: valueOffset + match[2].length } });
    if (key === 'escape') {
      if (match[2] !== '`' && match[2] !== '\\') {
        ast.problems.push({ start: valueOffset, end: valueOffset + match[2].length, message: `invalid escape token '${match[2]}' does not match \` or \\` });
      } else {
        escape = match[2];
        ast.escape = escape;
      }
    }
    return true;
  };

  const continuation = (s: string): { text: string; continues: boolean } => {
    // BuildKit: `([^\E])\E[ \t]*$|^\E[ \t]*$`
    let end = s.length;
    while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
    if (end > 0 && s[end - 1] === escape && (end === 1 || s[end - 2] !== escape)) {
      return { text: s.slice(0, end - 1), continues: true };
    }
    return { text: s, continues: false };
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    let raw = line.text;
    let rawStart = line.start;
    if (i === 0 && bomless) {
      raw = raw.slice(1);
      rawStart += 1;
    }
    if (isCommentLine(raw)) {
      const lead = leadingSpace(raw);
      const body = raw.slice(lead + 1).trim();
      ast.comments.push({ text: raw.slice(lead), start: rawStart + lead, end: line.end, line: line.index });
      if (body === '') comments = [];
      else comments.push(body);
    }
    const lead = leadingSpace(raw);
    const trimmed = raw.slice(lead);
    const isDirective = tryDirective(line, trimmed, rawStart + lead);
    if (isDirective) comments.pop();
    i++;
    const content = isCommentLine(trimmed) ? '' : trimmed;
    const contentStart = rawStart + lead;
    const first = continuation(content);
    if (!first.continues && first.text.length === 0) continue;

    let joined = first.text;
    const map: number[] = [0, contentStart];
    const startLine = line.index;
    let endLine = line.index;
    const empty: number[] = [];
    let continues = first.continues;
    while (continues && i < lines.length) {
      const next = lines[i];
      i++;
      endLine = next.index;
      // Directive parser sees every line (it is already done here, so this only keeps counts).
      if (isCommentLine(next.text)) {
        const l = leadingSpace(next.text);
        ast.comments.push({ text: next.text.slice(l), start: next.start + l, end: next.end, line: next.index });
        continue;
      }
      if (next.text.trim().length === 0) {
        empty.push(next.index);
        continue;
      }
      const c = continuation(next.text);
      map.push(joined.length, next.start);
      joined += c.text;
      continues = c.continues;
    }
    const lineText = joined;
    const instruction = parseInstructionLine(lineText, map, escape, comments);
    instruction.startLine = startLine;
    instruction.endLine = endLine;
    instruction.emptyContinuationLines = empty;
    instruction.start = contentStart;
    instruction.end = endLine === startLine ? line.end : lines[endLine].end;

    // Heredocs: bodies follow the instruction line.
    const owner = instruction.trigger ?? instruction;
    if (HEREDOC_CAPABLE.has(owner.name) && !owner.json && lineText.includes('<<')) {
      for (const spec of heredocsFromLine(owner.joined.slice(owner.argsSpan.start === owner.argsSpan.end ? 0 : 0))) {
        const heredoc: Heredoc = { ...spec, content: '', contentStart: i < lines.length ? lines[i].start : text.length, terminatorStart: text.length, terminated: false };
        const parts: string[] = [];
        while (i < lines.length) {
          const body = lines[i];
          i++;
          let candidate = body.text;
          if (heredoc.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === heredoc.name) {
            heredoc.terminated = true;
            heredoc.terminatorStart = body.start;
            endLine = body.index;
            break;
          }
          parts.push(text.slice(body.start, body.end) + '\n');
          endLine = body.index;
        }
        heredoc.content = parts.join('');
        if (!heredoc.terminated) {
          instruction.problems.push({ start: instruction.start, end: text.length, message: 'unterminated heredoc' });
        }
        owner.heredocs.push(heredoc);
      }
      instruction.endLine = endLine;
      instruction.end = lines[endLine].end;
    }
    ast.instructions.push(instruction);
    comments = [];
  }
  return ast;
}

function emptyInstruction(joined: string, map: number[]): Instruction {
  return {
    keyword: '',
    name: '',
    keywordSpan: { start: 0, end: 0 },
    startLine: 0,
    endLine: 0,
    flags: [],
    argsText: '',
    argsSpan: { start: 0, end: 0 },
    args: [],
    json: false,
    heredocs: [],
    comments: [],
    emptyContinuationLines: [],
    map,
    joined,
    problems: [],
    start: 0,
    end: 0,
  };
}

/** Document offset of joined-line index `k` (one past the end maps after the last character). */
export function offsetAt(instruction: Instruction, k: number): number {
  const { map, joined } = instruction;
  if (map.length === 0) return instruction.start;
  if (k >= joined.length && joined.length > 0) return offsetAt(instruction, joined.length - 1) + 1 + (k - joined.length);
  // Binary search for the last line piece starting at or before k: a RUN of 100k continuation lines has 100k
  // pieces, and callers ask once per word.
  let lo = 0;
  let hi = map.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid * 2] <= k) lo = mid;
    else hi = mid - 1;
  }
  const i = lo * 2;
  return map[i + 1] + (k - map[i]);
}

function parseInstructionLine(line: string, map: number[], escape: string, comments: string[]): Instruction {
  const ins = emptyInstruction(line, map);
  ins.comments = [...comments];
  // splitCommand: trim, split at the first run of whitespace.
  const lead = leadingSpace(line);
  let k = lead;
  while (k < line.length && !isSpace(line[k])) k++;
  ins.keyword = line.slice(lead, k);
  ins.name = ins.keyword.toLowerCase();
  ins.keywordSpan = { start: lead, end: k };
  let restStart = k;
  while (restStart < line.length && isSpace(line[restStart])) restStart++;
  const { flags, argsStart } = extractFlags(line, restStart, escape);
  ins.flags = flags;
  let argsEnd = line.length;
  while (argsEnd > argsStart && isSpace(line[argsEnd - 1])) argsEnd--;
  ins.argsSpan = { start: argsStart, end: Math.max(argsStart, argsEnd) };
  ins.argsText = line.slice(ins.argsSpan.start, ins.argsSpan.end);
  parseArgs(ins, escape);
  return ins;
}

/** BuildKit's extractBuilderFlags: leading `--name[=value]` words, quotes and escapes processed. */
function extractFlags(line: string, from: number, escape: string): { flags: Flag[]; argsStart: number } {
  const flags: Flag[] = [];
  let pos = from;
  while (pos < line.length) {
    while (pos < line.length && isSpace(line[pos])) pos++;
    if (pos >= line.length) return { flags, argsStart: line.length };
    if (!(line[pos] === '-' && line[pos + 1] === '-')) return { flags, argsStart: pos };
    const start = pos;
    let word = '';
    let quote = '';
    let blankOK = false;
    let valueStart = -1;
    while (pos < line.length) {
      const ch = line[pos];
      if (!quote) {
        if (isSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOK = true;
          pos++;
          continue;
        }
        if (ch === escape) {
          if (pos + 1 === line.length) {
            pos++;
            continue;
          }
          pos++;
          word += line[pos];
          pos++;
          continue;
        }
        if (ch === '=' && valueStart < 0) valueStart = pos + 1;
        word += ch;
        pos++;
      } else {
        if (ch === quote) {
          quote = '';
          pos++;
          continue;
        }
        if (ch === escape) {
          if (pos + 1 === line.length) {
            quote = '';
            pos++;
            continue;
          }
          pos++;
        }
        word += line[pos];
        pos++;
      }
    }
    if (word === '--') return { flags, argsStart: pos };
    if (blankOK || word.length > 0) {
      const eq = word.indexOf('=');
      flags.push({
        name: (eq < 0 ? word : word.slice(0, eq)).slice(2),
        value: eq < 0 ? '' : word.slice(eq + 1),
        hasValue: eq >= 0,
        start,
        end: pos,
        valueStart: valueStart < 0 ? pos : valueStart,
      });
    }
  }
  return { flags, argsStart: line.length };
}

function whitespaceWords(line: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let k = start;
  while (k < end) {
    while (k < end && isSpace(line[k])) k++;
    if (k >= end) break;
    const s = k;
    while (k < end && !isSpace(line[k])) k++;
    words.push({ value: line.slice(s, k), start: s, end: k });
  }
  return words;
}

/** BuildKit's parseWords: whitespace-separated words; quotes and escapes are kept in the value. */
export function parseWords(line: string, start: number, end: number, escape: string): Word[] {
  const words: Word[] = [];
  let k = start;
  while (k < end) {
    while (k < end && isSpace(line[k])) k++;
    if (k >= end) break;
    const s = k;
    let value = '';
    let quote = '';
    let blankOK = false;
    while (k < end) {
      const ch = line[k];
      if (!quote) {
        if (isSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOK = true;
        }
        if (ch === escape) {
          if (k + 1 === end) {
            k++;
            continue;
          }
          value += ch;
          k++;
        }
        value += line[k];
        k++;
      } else {
        let closed = false;
        if (ch === quote) closed = true;
        if (ch === escape && quote !== "'") {
          if (k + 1 === end) {
            quote = '';
            k++;
            continue;
          }
          k++;
          value += ch;
        }
        value += line[k];
        k++;
        if (closed) quote = '';
      }
    }
    if (blankOK || value.length > 0) words.push({ value, start: s, end: k });
  }
  return words;
}

/** Parses a JSON array of strings the way BuildKit's parseJSON does; null when it is not JSON. */
function parseJsonArray(ins: Instruction): Word[] | 'not-strings' | null {
  const text = ins.argsText;
  if (!text.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  if (!parsed.every((x) => typeof x === 'string')) return 'not-strings';
  // Locate each string token for ranges.
  const words: Word[] = [];
  const re = /"(?:[^"\\]|\\.)*"/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n < parsed.length) {
    words.push({ value: parsed[n] as string, start: ins.argsSpan.start + m.index, end: ins.argsSpan.start + m.index + m[0].length });
    n++;
  }
  return words;
}

function parseArgs(ins: Instruction, escape: string): void {
  const { argsSpan, joined } = ins;
  const whole = (): Word[] => (ins.argsText ? [{ value: ins.argsText, start: argsSpan.start, end: argsSpan.end }] : []);
  const maybeJson = (toList: boolean) => {
    const json = parseJsonArray(ins);
    if (json === 'not-strings') {
      ins.problems.push({ ...argsSpan, message: 'when using JSON array syntax, arrays must be comprised of strings only' });
      return;
    }
    if (json) {
      ins.json = true;
      ins.args = json;
      return;
    }
    ins.args = toList ? whitespaceWords(joined, argsSpan.start, argsSpan.end) : whole();
  };
  switch (ins.name) {
    case 'add':
    case 'copy':
    case 'volume':
      maybeJson(true);
      break;
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      if (ins.argsText) maybeJson(false);
      break;
    case 'arg':
      ins.args = parseWords(joined, argsSpan.start, argsSpan.end, escape);
      break;
    case 'env':
    case 'label':
      ins.args = parseWords(joined, argsSpan.start, argsSpan.end, escape);
      break;
    case 'expose':
    case 'from':
      ins.args = whitespaceWords(joined, argsSpan.start, argsSpan.end);
      break;
    case 'healthcheck': {
      const words = whitespaceWords(joined, argsSpan.start, argsSpan.end);
      if (!words.length) break;
      const typ = words[0];
      let restStart = typ.end;
      while (restStart < argsSpan.end && isSpace(joined[restStart])) restStart++;
      const sub = { ...ins, argsText: joined.slice(restStart, argsSpan.end), argsSpan: { start: restStart, end: argsSpan.end }, problems: ins.problems };
      const json = parseJsonArray(sub);
      if (json === 'not-strings') {
        ins.problems.push({ ...sub.argsSpan, message: 'when using JSON array syntax, arrays must be comprised of strings only' });
        ins.args = [typ];
      } else if (json) {
        ins.json = true;
        ins.args = [typ, ...json];
      } else {
        ins.args = sub.argsText ? [typ, { value: sub.argsText, start: restStart, end: argsSpan.end }] : [typ];
      }
      break;
    }
    case 'maintainer':
    case 'stopsignal':
    case 'user':
    case 'workdir':
      ins.args = whole();
      break;
    case 'onbuild': {
      if (!ins.argsText) break;
      const subMap: number[] = [0, offsetAt(ins, argsSpan.start)];
      for (let k = 0; k < ins.map.length; k += 2) {
        if (ins.map[k] > argsSpan.start) subMap.push(ins.map[k] - argsSpan.start, ins.map[k + 1]);
      }
      const trigger = parseInstructionLine(joined.slice(argsSpan.start), subMap, escape, []);
      ins.trigger = trigger;
      ins.args = whole();
      break;
    }
    default:
      ins.args = whitespaceWords(joined, argsSpan.start, argsSpan.end);
  }
}

/** Heredoc specs (`<<EOF`, `<<-"EOF"`) on an instruction line, like BuildKit's heredocsFromLine. */
export function heredocsFromLine(line: string): Array<{ name: string; chomp: boolean; expand: boolean }> {
  const result: Array<{ name: string; chomp: boolean; expand: boolean }> = [];
  for (const word of shellWordsRaw(line)) {
    const spec = parseHeredocWord(word);
    if (spec) result.push(spec);
  }
  return result;
}

export function parseHeredocWord(word: string): { name: string; chomp: boolean; expand: boolean } | null {
  const m = /^(\d*)<<(-?)\s*([^<]*)$/.exec(word);
  if (!m?.[3]) return null;
  const rest = m[3];
  const unquoted = unquote(rest);
  if (unquoted === null) return null;
  const expand = !/['"]/.test(rest) || (rest.match(/['"]/g)?.length ?? 0) === (unquoted.match(/['"]/g)?.length ?? 0);
  return { name: unquoted, chomp: m[2] === '-', expand };
}

function unquote(s: string): string | null {
  let out = '';
  let quote = '';
  for (let k = 0; k < s.length; k++) {
    const ch = s[k];
    if (quote) {
      if (ch === quote) {
        quote = '';
        continue;
      }
      if (ch === '\\' && quote === '"' && k + 1 < s.length) {
        out += s[++k];
        continue;
      }
      out += ch;
    } else {
      if (ch === "'" || ch === '"') {
        quote = ch;
        continue;
      }
      if (isSpace(ch)) return null;
      if (ch === '\\' && k + 1 < s.length) {
        out += s[++k];
        continue;
      }
      out += ch;
    }
  }
  return out;
}

/** Shell words with quotes kept (RawQuotes), split on unquoted whitespace. */
function shellWordsRaw(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k];
    if (quote) {
      cur += ch;
      if (ch === '\\' && quote === '"' && k + 1 < line.length) {
        cur += line[++k];
        continue;
      }
      if (ch === quote) quote = '';
      continue;
    }
    if (isSpace(ch)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    has = true;
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === '\\' && k + 1 < line.length) {
      cur += ch + line[++k];
      continue;
    }
    cur += ch;
  }
  if (has) words.push(cur);
  return words;
}
