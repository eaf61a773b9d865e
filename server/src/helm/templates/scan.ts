// A tolerant scanner of the `{{ … }}` actions of a Go template, for positions only: where each action is, and
// in it the field chains, identifiers and strings, so completion, hover and navigation know what the cursor is
// on while the text is half typed. Nothing here evaluates a template: rendering stays Helm's (the engine).
// Linear in the text: one pass over each action, strings and comments skipped as text/template lexes them.

export interface Action {
  /** Offset of "{{". */
  start: number;
  /** Offset after "}}", or where the unterminated action stops (the next "{{" or the end of the text). */
  end: number;
  /** Whether "}}" closes it. */
  closed: boolean;
  tokens: Token[];
}

export type TokenKind = 'field' | 'variable' | 'identifier' | 'string' | 'other';

export interface Token {
  kind: TokenKind;
  /** The token's text: a field chain (".Values.a.b", "$.Values.a", "$x.y"), an identifier, a string with its quotes. */
  text: string;
  start: number;
  end: number;
}

export function scanActions(text: string): Action[] {
  const actions: Action[] = [];
  let at = text.indexOf('{{');
  while (at >= 0) {
    const action = scanAction(text, at);
    actions.push(action);
    at = text.indexOf('{{', Math.max(action.end, at + 2));
  }
  return actions;
}

function scanAction(text: string, start: number): Action {
  let i = start + 2;
  if (text[i] === '-' && /\s/.test(text[i + 1] ?? '')) i++;
  const tokens: Token[] = [];
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '}' && text[i + 1] === '}') return { start, end: i + 2, closed: true, tokens };
    if (c === '-' && text[i + 1] === '}' && text[i + 2] === '}' && /\s/.test(text[i - 1] ?? '')) return { start, end: i + 3, closed: true, tokens };
    if (c === '{' && text[i + 1] === '{') break;
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const s = i++;
      while (i < n && text[i] !== c && (c === '`' || text[i] !== '\n')) i += c !== '`' && text[i] === '\\' ? 2 : 1;
      i = Math.min(n, i + 1);
      tokens.push({ kind: 'string', text: text.slice(s, i), start: s, end: i });
      continue;
    }
    if (c === '.' || c === '$') {
      const s = i;
      if (c === '$') {
        i++;
        while (i < n && isWord(text.charCodeAt(i))) i++;
      }
      // A chain of .name fields (a trailing "." while typing belongs to it).
      while (text[i] === '.') {
        i++;
        while (i < n && isWord(text.charCodeAt(i))) i++;
      }
      tokens.push({ kind: c === '$' ? 'variable' : 'field', text: text.slice(s, i), start: s, end: i });
      continue;
    }
    if (isWord(text.charCodeAt(i)) && !/[0-9]/.test(c)) {
      const s = i;
      while (i < n && isWord(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'identifier', text: text.slice(s, i), start: s, end: i });
      continue;
    }
    if (!/\s/.test(c)) tokens.push({ kind: 'other', text: c, start: i, end: i + 1 });
    i++;
  }
  return { start, end: i, closed: false, tokens };
}

function isWord(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The action whose text holds the offset (after "{{", up to and including where "}}" starts). */
export function actionAt(actions: readonly Action[], offset: number): Action | undefined {
  let lo = 0;
  let hi = actions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = actions[mid]!;
    if (offset < a.start + 2) hi = mid - 1;
    else if (offset > (a.closed ? a.end - 2 : a.end)) lo = mid + 1;
    else return a;
  }
  return undefined;
}

/** The token the offset is in or just after. */
export function tokenAt(action: Action, offset: number): Token | undefined {
  return action.tokens.find((t) => t.start <= offset && offset <= t.end);
}

/** A reference to values: `.Values.a.b` or `$.Values.a.b`, with each key's place. */
export interface ValuesRef {
  /** The keys after Values (may end in '' while typing "…Values.a."). */
  keys: string[];
  /** Offsets of each key. */
  spans: [number, number][];
  token: Token;
}

/**
 * The values reference of a field or variable token, when it is one: `.Values.a`, `$.Values.a`, and the
 * root context reached by another name (`$root.Values.a`, `.context.Values.a`, as library charts pass it).
 */
export function valuesRef(token: Token): ValuesRef | undefined {
  if (token.kind !== 'field' && token.kind !== 'variable') return undefined;
  const parts = token.text.split('.');
  const at = parts.indexOf('Values', 1);
  if (at < 0) return undefined;
  const keys: string[] = [];
  const spans: [number, number][] = [];
  let offset = token.start + parts.slice(0, at + 1).join('.').length;
  for (const key of parts.slice(at + 1)) {
    keys.push(key);
    spans.push([offset + 1, offset + 1 + key.length]);
    offset += key.length + 1;
  }
  return { keys, spans, token };
}

/** Every values reference of a template's text. */
export function valuesRefs(actions: readonly Action[]): ValuesRef[] {
  const out: ValuesRef[] = [];
  for (const action of actions) {
    for (const token of action.tokens) {
      const ref = valuesRef(token);
      if (ref) out.push(ref);
    }
  }
  return out;
}

/** A named template's name in `define`, `include`, `template` or `block` ("x" of `include "x"`). */
export interface NameRef {
  name: string;
  /** Offsets of the name inside the quotes. */
  start: number;
  end: number;
  declaration: boolean;
}

const NAME_CALLERS = new Set(['include', 'template', 'define', 'block']);

export function nameRefs(actions: readonly Action[]): NameRef[] {
  const out: NameRef[] = [];
  for (const action of actions) {
    const t = action.tokens;
    for (let i = 0; i + 1 < t.length; i++) {
      const call = t[i]!;
      const name = t[i + 1]!;
      if (call.kind !== 'identifier' || !NAME_CALLERS.has(call.text) || name.kind !== 'string' || name.text.length < 2) continue;
      out.push({ name: unquote(name.text), start: name.start + 1, end: name.end - 1, declaration: call.text === 'define' || call.text === 'block' });
    }
  }
  return out;
}

function unquote(s: string): string {
  const body = s.slice(1, s.endsWith(s[0]!) && s.length > 1 ? -1 : undefined);
  return s[0] === '`' ? body : body.replace(/\\(.)/g, '$1');
}

/**
 * The .Values paths an action list reads, with `index .Values.a "b" "c"` read as a.b.c when its keys are
 * constant strings (a key that is not stays a read of what is indexed: all of it).
 */
export function valuesReads(actions: readonly Action[]): string[][] {
  const out: string[][] = [];
  for (const action of actions) {
    const t = action.tokens;
    for (let i = 0; i < t.length; i++) {
      const ref = valuesRef(t[i]!);
      if (!ref) continue;
      const keys = [...ref.keys];
      if (t[i - 1]?.kind === 'identifier' && t[i - 1]!.text === 'index') {
        for (let j = i + 1; t[j]?.kind === 'string'; j++) keys.push(unquote(t[j]!.text));
      }
      out.push(keys);
    }
  }
  return out;
}
