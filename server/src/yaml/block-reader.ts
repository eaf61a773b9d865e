import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { YAML_OPTIONS } from './options';
import { nestingBeyond } from './depth';
import { setOwn } from '../core/own';

/**
 * A fast reader for the plain block YAML that manifests are made of: block maps and sequences, plain,
 * quoted and block scalars, one-line flow collections, comments. It builds the same `yaml` nodes the
 * full parser builds (classes, values, scalar types and sources, `range`s), several times faster,
 * because it skips the CST. Anything outside that subset — anchors, aliases, tags, multi-line plain
 * or quoted scalars, explicit keys, tabs, CRLF, duplicate or non-string keys, anything that is an
 * error — makes it return undefined, and the caller runs the full parser, which also reports the errors.
 * Comments are not attached to nodes (no commentBefore/comment/spaceBefore): nothing that reads these
 * trees needs them; the formatter uses the full parser. test/unit/yaml-block-reader.test.ts proves
 * the trees equal to the full parser's over the corpus, the fixtures and generated mutants.
 */
export function readBlockDocument(text: string): Document.Parsed | undefined {
  // Too deep for a recursive reader: the full parser's caller reports it (yaml/depth.ts).
  if (UNSUPPORTED_CHARS.test(text) || nestingBeyond(text) !== undefined) return undefined;
  try {
    return new BlockReader(text).document();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/**
 * The value of a tree the reader built, as `toJS` gives it: objects, arrays, scalar values. Valid only
 * for the reader's trees (no aliases, merge keys or non-string keys), for which it is several times faster.
 */
export function plainValueOf(node: unknown): unknown {
  if (node instanceof YAMLMap) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = (pair.key as Scalar).value as string;
      const value = plainValueOf(pair.value);
      // As toJS does: `__proto__` becomes an own property, not the prototype.
      setOwn(out, key, value);
    }
    return out;
  }
  if (node instanceof YAMLSeq) return node.items.map(plainValueOf);
  return node instanceof Scalar ? node.value : null;
}

// Tabs, CR, control characters and a BOM change how the full parser reads indentation and lines.
const UNSUPPORTED_CHARS = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]/;
const GIVE_UP = new Error('not plain block YAML');
function giveUp(): never {
  throw GIVE_UP;
}

// biome-ignore lint/suspicious/noConstEnum: used only in this file, where esbuild and tsx inline it (a hot loop)
const enum Line {
  Blank,
  Comment,
  Content,
}
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** A blank or comment line seen after the last complete value, not yet given to a node. */
interface Pending {
  hasComment: boolean;
  /** Columns of the comment lines. */
  commentCols: number[];
}

/** Scalar resolution exactly as the composer does it: the schema's default tags, tried in order. */
const template = new Document(undefined, YAML_OPTIONS);
const schema = template.schema;
interface ScalarTag {
  test?: RegExp;
  format?: string;
  default?: unknown;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}
const SCALAR_TAGS = (schema.tags as unknown as ScalarTag[]).filter((tag) => tag.default === true && tag.test);
const STRING_TAG = (schema as unknown as Record<symbol, ScalarTag>)[Object.getOwnPropertySymbols(schema).find((s) => s.description === 'yaml.scalar')!];
/** A plain scalar can only resolve to something other than a string if it starts with one of these. */
const NON_STRING_START = /^[~nNtTfF0-9+\-.<]/;

function resolvePlain(source: string, atKey: boolean): Scalar {
  let tag: ScalarTag = STRING_TAG;
  if (source === '' || NON_STRING_START.test(source)) {
    for (const candidate of SCALAR_TAGS) {
      if (candidate.test!.test(source)) {
        tag = candidate;
        break;
      }
    }
    // Keys that are not strings (and the `<<` merge key) are left to the full parser.
    if (atKey && (tag !== STRING_TAG || source === '<<')) giveUp();
  }
  // Most scalars (every key) are strings, whose tag resolves a source to itself: no resolver call or closure.
  if (tag === STRING_TAG) return stringScalar(source, Scalar.PLAIN);
  let failed = false;
  const value = tag.resolve(
    source,
    () => {
      failed = true;
    },
    template.options,
  );
  if (failed) giveUp();
  const scalar = value instanceof Scalar ? value : newScalar(value);
  scalar.source = source;
  scalar.type = Scalar.PLAIN;
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

function stringScalar(value: string, type: Scalar.Type): Scalar {
  const scalar = newScalar(value);
  scalar.source = value;
  scalar.type = type;
  return scalar;
}

type Ranged = Node & { range: [number, number, number] };

/*
 * Node construction without the classes' constructors: each of them marks its instance with
 * Object.defineProperty (the yaml node type, a collection's schema), which made up a third of the
 * reader's time. The mark is the public `Symbol.for('yaml.node.type')` the isMap/isScalar/... checks
 * read, so it can live once on a prototype below the class's own: instanceof, methods and the
 * checks are unchanged (test/unit/yaml/block-reader.test.ts compares with the full parser's nodes).
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
function prototypeOf(base: object, type: string, extra: PropertyDescriptorMap = {}): object {
  return Object.create(base, { [NODE_TYPE]: { value: Symbol.for(type) }, ...extra });
}
const SCALAR_PROTO = prototypeOf(Scalar.prototype, 'yaml.scalar');
const PAIR_PROTO = prototypeOf(Pair.prototype, 'yaml.pair');
const collection = { schema: { value: schema, writable: true, configurable: true } };
const MAP_PROTO = prototypeOf(YAMLMap.prototype, 'yaml.map', collection);
const SEQ_PROTO = prototypeOf(YAMLSeq.prototype, 'yaml.seq', collection);

function newScalar(value: unknown): Scalar {
  const scalar = Object.create(SCALAR_PROTO) as Scalar;
  scalar.value = value;
  return scalar;
}
function newPair(key: Node, value: Node): Pair {
  const pair = Object.create(PAIR_PROTO) as Pair;
  pair.key = key;
  pair.value = value;
  return pair;
}
function newCollection<T extends YAMLMap | YAMLSeq>(proto: object): T {
  const node = Object.create(proto) as T;
  node.items = [];
  return node;
}

class BlockReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: Line[] = [];
  private readonly count: number;
  /** Current line. */
  private li = 0;
  /** Blank and comment lines after the last complete value (the parser's trailing item start). */
  private pending: Pending = { hasComment: false, commentCols: [] };
  /** The last complete inline value (scalar or flow collection): deeper comment lines right after it extend its range. */
  private lastInline: { node: Ranged; parentIndent: number } | undefined;
  /** The last value read was empty (`key:`): the lines after it belong to no node. */
  private lastEmpty = false;

  constructor(private readonly text: string) {
    let offset = 0;
    const length = text.length;
    while (offset < length || (offset === length && this.starts.length === 0)) {
      let end = text.indexOf('\n', offset);
      if (end < 0) end = length;
      let i = offset;
      while (i < end && text.charCodeAt(i) === SPACE) i++;
      this.starts.push(offset);
      this.ends.push(end);
      this.indents.push(i - offset);
      this.kinds.push(i === end ? Line.Blank : text.charCodeAt(i) === HASH ? Line.Comment : Line.Content);
      offset = end + 1;
    }
    this.count = this.starts.length;
  }

  /** Offset just after line `li` including its newline (text length for the last line). */
  private after(li: number): number {
    return Math.min(this.ends[li] + 1, this.text.length);
  }

  document(): Document.Parsed {
    const text = this.text;
    let docStart = -1;
    if (text.startsWith('---')) {
      // `---` alone, or followed by a comment; content on the marker line is left to the full parser.
      const rest = this.skipSpaces(3, this.ends[0]);
      if (rest < this.ends[0] && (rest === 3 || text.charCodeAt(rest) !== HASH)) giveUp();
      docStart = 0;
      this.li = 1;
    }
    this.skipNonContent();
    if (this.li >= this.count) giveUp(); // an empty document
    const first = this.li;
    if (docStart < 0) docStart = this.starts[first]; // without `---` the document starts at its first content line
    const indent = this.indents[first];
    const contents = this.isDash(first, indent) ? this.blockSeq(indent) : this.blockMap(indent, this.starts[first] + indent);
    if (this.nextContent() < this.count) giveUp(); // content less indented than the root node
    this.closeCollection(contents, indent);
    const doc = new Document(undefined, YAML_OPTIONS) as Document.Parsed;
    if (docStart === 0 && text.startsWith('---')) doc.directives!.docStart = true;
    doc.contents = contents as never;
    // Lines after a final empty value stay in its pair's separator: the document's range ends at its content.
    doc.range = [docStart, contents.range[2], this.lastEmpty ? contents.range[2] : text.length];
    return doc;
  }

  private skipSpaces(from: number, to: number): number {
    while (from < to && this.text.charCodeAt(from) === SPACE) from++;
    return from;
  }

  /** Moves past blank and comment lines, without recording them (document start, between key and value). */
  private skipNonContent(): boolean {
    let comment = false;
    while (this.li < this.count && this.kinds[this.li] !== Line.Content) {
      if (this.kinds[this.li] === Line.Comment) comment = true;
      this.li++;
    }
    return comment;
  }

  /** Index of the next content line from li (li itself if it is one). */
  private nextContent(): number {
    let i = this.li;
    while (i < this.count && this.kinds[i] !== Line.Content) i++;
    return i;
  }

  private isDash(li: number, col: number): boolean {
    const at = this.starts[li] + col;
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = at + 1;
    return next === this.ends[li] || this.text.charCodeAt(next) === SPACE;
  }

  /**
   * Consumes the blank and comment lines after a complete value in a collection of `indent`, as the
   * parser does: a comment line deeper than the collection, after blank lines only, belongs to the
   * inline value just read (its range grows); the rest waits for the next item or the collection's end.
   */
  private trailing(indent: number): void {
    while (this.li < this.count && this.kinds[this.li] !== Line.Content) {
      const li = this.li++;
      if (this.kinds[li] === Line.Blank) continue;
      const col = this.indents[li];
      if (!this.pending.hasComment && col > indent && this.lastInline && this.lastInline.parentIndent === indent) {
        this.lastInline.node.range[2] = this.after(li);
        continue;
      }
      this.pending.hasComment = true;
      this.pending.commentCols.push(col);
    }
  }

  /**
   * A collection ends: its trailing comment lines move to the parent unless one of them is indented at
   * least as deep as the collection (then the collection's range ends after them, before the next content).
   */
  private closeCollection(node: Ranged, indent: number): void {
    if (!this.pending.hasComment) return;
    if (indent === 0 || this.pending.commentCols.every((col) => col < indent)) return;
    const li = this.nextContent();
    node.range[2] = li < this.count ? this.starts[li] + this.indents[li] : this.text.length;
    this.pending = { hasComment: false, commentCols: [] };
  }

  /** A new item starts: whatever was pending becomes its leading comments (not kept). */
  private startItem(): void {
    if (this.pending.hasComment) this.pending = { hasComment: false, commentCols: [] };
    this.lastInline = undefined;
    this.lastEmpty = false;
  }

  /** A block map whose keys are at column `indent`; the first key is at `firstKey` on line li. */
  private blockMap(indent: number, firstKey: number): Ranged {
    const map = newCollection<YAMLMap>(MAP_PROTO) as YAMLMap & Ranged;
    const keys = new Set<string>();
    let keyAt = firstKey;
    let end = firstKey;
    for (;;) {
      this.startItem();
      const li = this.li;
      const lineEnd = this.ends[li];
      const { key, colon } = this.key(keyAt, lineEnd);
      const name = key.value as string;
      if (keys.has(name)) giveUp();
      keys.add(name);
      const value = this.mapValue(colon + 1, indent);
      map.items.push(newPair(key, value));
      end = value.range[2];
      const next = this.nextContent();
      if (next >= this.count || this.indents[next] < indent) break;
      if (this.indents[next] > indent || this.isDash(next, indent)) giveUp();
      this.li = next;
      keyAt = this.starts[next] + indent;
    }
    map.range = [firstKey, end, end];
    return map;
  }

  /** A block sequence whose dashes are at column `indent`, starting on line li. */
  private blockSeq(indent: number): Ranged {
    const seq = newCollection<YAMLSeq>(SEQ_PROTO) as YAMLSeq & Ranged;
    const start = this.starts[this.li] + indent;
    let end = start;
    for (;;) {
      this.startItem();
      const li = this.li;
      const lineStart = this.starts[li];
      const lineEnd = this.ends[li];
      const at = this.skipSpaces(lineStart + indent + 1, lineEnd);
      let item: Ranged;
      if (at === lineEnd || this.text.charCodeAt(at) === HASH) {
        giveUp(); // `-` alone: an empty item or one on the next lines
      } else if (this.text.charCodeAt(at) === DASH && (at + 1 === lineEnd || this.text.charCodeAt(at + 1) === SPACE)) {
        giveUp(); // `- - x`
      } else if (this.findKeyColon(at, lineEnd) >= 0) {
        // `- key: value`: a map whose keys line up with this first key.
        item = this.blockMap(at - lineStart, at);
        this.closeCollection(item, at - lineStart);
      } else {
        item = this.inlineValue(at, indent, li);
      }
      seq.items.push(item);
      end = item.range[2];
      const next = this.nextContent();
      if (next >= this.count || this.indents[next] < indent) break;
      if (this.indents[next] > indent) giveUp();
      if (!this.isDash(next, indent)) break; // the parent map's next key at the same column
      this.li = next;
    }
    seq.range = [start, end, end];
    return seq;
  }

  /** The value after `key:` (from `from`, just past the colon) in a map of `indent`. */
  private mapValue(from: number, indent: number): Ranged {
    const li = this.li;
    const lineEnd = this.ends[li];
    const at = this.skipSpaces(from, lineEnd);
    if (at < lineEnd && this.text.charCodeAt(at) !== HASH) {
      if (at === from) giveUp(); // `key:value` is one plain scalar, not a pair
      return this.inlineValue(at, indent, li);
    }
    // Nothing after the colon: the value is on the next lines, or empty.
    const comment = at < lineEnd;
    this.li = li + 1;
    const betweenComments = this.skipNonContent();
    const next = this.li;
    if (next < this.count) {
      const col = this.indents[next];
      const nested = col > indent ? col : this.isDash(next, indent) ? indent : -1;
      if (nested >= 0) {
        const node = this.isDash(next, nested) ? this.blockSeq(nested) : this.blockMap(nested, this.starts[next] + nested);
        this.closeCollection(node, nested);
        return node;
      }
    }
    // An empty value: a null scalar just after the colon (and its spaces). With a comment the
    // parser stretches its range over that comment: left to it.
    if (comment || betweenComments) giveUp();
    this.li = next;
    const scalar = resolvePlain('', false) as Scalar & Ranged;
    scalar.range = [at, at, at];
    this.lastInline = undefined;
    this.lastEmpty = true;
    return scalar;
  }

  /** A value that starts on this line at `at`, in a collection of `indent`. Leaves li on the next line. */
  private inlineValue(at: number, indent: number, li: number): Ranged {
    const text = this.text;
    const lineEnd = this.ends[li];
    const c = text.charCodeAt(at);
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(at, indent);
    let node: Ranged;
    let end: number;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      [node, end] = this.quoted(at, lineEnd);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      [node, end] = this.flow(at, lineEnd);
    } else {
      if (!this.plainStart(at, lineEnd, false)) giveUp();
      end = this.plainEnd(at, lineEnd, false);
      const source = text.slice(at, end);
      // `a: b: c` and `a: b:` are errors in block context.
      if (source.endsWith(':') || source.includes(': ')) giveUp();
      node = resolvePlain(source, false) as Scalar & Ranged;
      node.range = [at, end, end];
    }
    // Only spaces and a comment may follow on the line.
    const rest = this.skipSpaces(end, lineEnd);
    if (rest < lineEnd && (text.charCodeAt(rest) !== HASH || rest === end)) giveUp();
    node.range[2] = this.after(li);
    this.li = li + 1;
    this.lastInline = { node, parentIndent: indent };
    this.trailing(indent);
    // A deeper line next would continue a plain scalar or be an error.
    const next = this.nextContent();
    if (next < this.count && this.indents[next] > indent) giveUp();
    return node;
  }

  /** Whether a plain scalar may start at `at` (indicators start other things). */
  private plainStart(at: number, lineEnd: number, inFlow: boolean): boolean {
    const c = this.text.charCodeAt(at);
    switch (c) {
      case DASH:
      case 63 /* ? */:
      case COLON: {
        const next = at + 1 < lineEnd ? this.text.charCodeAt(at + 1) : SPACE;
        return c === DASH && next !== SPACE && !(inFlow && isFlowIndicator(next));
      }
      case 44:
      case 91:
      case 93:
      case 123:
      case 125: // , [ ] { }
      case HASH:
      case 38 /* & */:
      case 42 /* * */:
      case 33 /* ! */:
      case 124 /* | */:
      case 62 /* > */:
      case 39:
      case 34:
      case 37 /* % */:
      case 64 /* @ */:
      case 96 /* ` */:
        return false;
      default:
        return true;
    }
  }

  /** End of a plain scalar starting at `at`: before ` #`, trailing spaces, and (in flow) `,[]{}` or `: `. */
  private plainEnd(at: number, lineEnd: number, inFlow: boolean): number {
    const text = this.text;
    let end = at;
    let i = at;
    while (i < lineEnd) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        if (i + 1 < lineEnd && text.charCodeAt(i + 1) === HASH) break;
        i++;
        continue;
      }
      if (inFlow) {
        if (isFlowIndicator(c)) break;
        if (c === COLON && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === SPACE || isFlowIndicator(text.charCodeAt(i + 1)))) break;
      }
      i++;
      end = i;
    }
    return end;
  }

  /** Offset of the `:` that makes `at…` an implicit key on this line, or -1. */
  private findKeyColon(at: number, lineEnd: number): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(at, lineEnd);
      const colon = this.skipSpaces(close, lineEnd);
      return colon < lineEnd && text.charCodeAt(colon) === COLON ? colon : -1;
    }
    for (let i = at; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON && (i + 1 === lineEnd || text.charCodeAt(i + 1) === SPACE)) return i;
      if (ch === HASH && i > at && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** The key at `at` on line li: its scalar and the offset of its colon. */
  private key(at: number, lineEnd: number): { key: Scalar & Ranged; colon: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    let key: Scalar & Ranged;
    let end: number;
    if (c === 34 || c === 39) {
      const [node, close] = this.quoted(at, lineEnd);
      key = node as Scalar & Ranged;
      end = close;
    } else {
      if (!this.plainStart(at, lineEnd, false) || c === DASH) giveUp();
      const colon = this.findKeyColon(at, lineEnd);
      if (colon < 0) giveUp();
      end = colon;
      while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
      key = resolvePlain(text.slice(at, end), true) as Scalar & Ranged;
    }
    const colon = end; // no space between key and colon (`key :` is left to the full parser)
    if (colon >= lineEnd || text.charCodeAt(colon) !== COLON) giveUp();
    if (colon + 1 < lineEnd && text.charCodeAt(colon + 1) !== SPACE) giveUp();
    if (end - at > 1000) giveUp(); // implicit keys are limited to 1024 characters
    key.range = [at, end, end];
    return { key, colon };
  }

  /** Offset just past the closing quote of a one-line quoted scalar at `at`. */
  private quoteEnd(at: number, lineEnd: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (quote === 34 && c === 92 /* \ */) {
        i++;
        continue;
      }
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return giveUp(); // a quoted scalar over several lines
  }

  private quoted(at: number, lineEnd: number): [Ranged, number] {
    const end = this.quoteEnd(at, lineEnd);
    const body = this.text.slice(at + 1, end - 1);
    const single = this.text.charCodeAt(at) === 39;
    const value = single ? body.replace(/''/g, "'") : unescapeDouble(body);
    const scalar = stringScalar(value, single ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE) as Scalar & Ranged;
    scalar.range = [at, end, end];
    return [scalar, end];
  }

  /** A one-line flow collection at `at`; returns it and the offset after its closing bracket. */
  private flow(at: number, lineEnd: number): [Ranged, number] {
    const text = this.text;
    const isMap = text.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    const node = newCollection<YAMLMap | YAMLSeq>(isMap ? MAP_PROTO : SEQ_PROTO) as (YAMLMap | YAMLSeq) & Ranged;
    node.flow = true;
    const keys = new Set<string>();
    let i = this.skipSpaces(at + 1, lineEnd);
    for (;;) {
      if (i >= lineEnd) giveUp(); // spans lines
      if (text.charCodeAt(i) === close) break;
      if (isMap) {
        const [key, keyEnd] = this.flowItem(i, lineEnd, true);
        const name = (key as Scalar).value;
        if (typeof name !== 'string' || keys.has(name)) giveUp();
        keys.add(name);
        if (text.charCodeAt(keyEnd) !== COLON || text.charCodeAt(keyEnd + 1) !== SPACE) giveUp();
        const valueAt = this.skipSpaces(keyEnd + 1, lineEnd);
        const [value, valueEnd] = this.flowItem(valueAt, lineEnd, false);
        (node as YAMLMap).items.push(newPair(key, value));
        i = valueEnd;
      } else {
        const [item, itemEnd] = this.flowItem(i, lineEnd, false);
        if (text.charCodeAt(itemEnd) === COLON) giveUp(); // a pair inside a flow sequence
        (node as YAMLSeq).items.push(item);
        i = itemEnd;
      }
      // After an item: spaces (in the item's range), then `,` or the closing bracket.
      const c = text.charCodeAt(i);
      if (c === 44) {
        i = this.skipSpaces(i + 1, lineEnd);
      } else if (c !== close) {
        giveUp();
      }
    }
    const end = i + 1;
    node.range = [at, end, end];
    return [node, end];
  }

  /** An item of a flow collection: [node, offset after it and the spaces that follow]. Keys keep no spaces. */
  private flowItem(at: number, lineEnd: number, atKey: boolean): [Ranged, number] {
    const text = this.text;
    const c = text.charCodeAt(at);
    let node: Ranged;
    let end: number;
    if (c === 34 || c === 39) {
      [node, end] = this.quoted(at, lineEnd);
    } else if (c === 91 || c === 123) {
      if (atKey) giveUp();
      [node, end] = this.flow(at, lineEnd);
    } else {
      if (at >= lineEnd || !this.plainStart(at, lineEnd, true)) giveUp();
      end = this.plainEnd(at, lineEnd, true);
      node = resolvePlain(text.slice(at, end), atKey) as Scalar & Ranged;
      node.range = [at, end, end];
    }
    if (atKey) {
      if (text.charCodeAt(end) !== COLON) giveUp(); // `{a}`, `{a : b}`
      return [node, end];
    }
    const after = this.skipSpaces(end, lineEnd);
    node.range[2] = after;
    return [node, after];
  }

  /** `|` or `>` at `at`, the value of a collection of `indent`. Leaves li after its last line. */
  private blockScalar(at: number, indent: number): Ranged {
    const text = this.text;
    const li = this.li;
    const lineEnd = this.ends[li];
    const literal = text.charCodeAt(at) === 124;
    let i = at + 1;
    let strip = false;
    if (text.charCodeAt(i) === DASH) {
      strip = true;
      i++;
    }
    // Keep chomping (`+`) and indentation indicators are left to the full parser.
    const rest = this.skipSpaces(i, lineEnd);
    if (rest < lineEnd && (text.charCodeAt(rest) !== HASH || rest === i)) giveUp();
    // Content: the lines below, indented deeper than the first content line's indentation is found.
    let first = li + 1;
    while (first < this.count && this.kinds[first] === Line.Blank && this.indents[first] === this.ends[first] - this.starts[first]) first++;
    if (first >= this.count || this.indents[first] <= indent) giveUp(); // an empty block scalar
    const contentIndent = this.indents[first];
    // Leading blank lines may not hold more spaces than the content indentation.
    for (let k = li + 1; k < first; k++) if (this.ends[k] - this.starts[k] > contentIndent) giveUp();
    let last = first;
    let k = first;
    for (; k < this.count; k++) {
      const blank = this.ends[k] - this.starts[k] === this.indents[k];
      if (blank) continue;
      if (this.indents[k] < contentIndent) break;
      if (!literal && this.indents[k] > contentIndent) giveUp(); // folded with more-indented lines
      last = k;
    }
    // Trailing lines of spaces past the indentation belong to the scalar's range but not its value: left to the full parser.
    for (let j = last + 1; j < k; j++) if (this.ends[j] - this.starts[j] > contentIndent) giveUp();
    // Folded lines holding only spaces past the indentation fold differently: left to the full parser.
    if (!literal) for (let j = first; j < last; j++) if (this.ends[j] - this.starts[j] > contentIndent && this.kinds[j] === Line.Blank) giveUp();
    const lines: string[] = [];
    for (let j = li + 1; j <= last; j++) {
      lines.push(this.ends[j] - this.starts[j] <= contentIndent ? '' : text.slice(this.starts[j] + contentIndent, this.ends[j]));
    }
    let value: string;
    if (literal) {
      value = lines.join('\n');
    } else {
      value = '';
      let breaks = 0;
      let started = false;
      for (const line of lines) {
        if (line === '') {
          breaks++;
          continue;
        }
        if (started) value += breaks ? '\n'.repeat(breaks) : ' ';
        else value += '\n'.repeat(breaks);
        breaks = 0;
        started = true;
        value += line;
      }
    }
    const end = this.after(last);
    // Clip chomping ends the value with a line break even at the end of the text.
    if (!strip) value += '\n';
    const scalar = stringScalar(value, literal ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED) as Scalar & Ranged;
    scalar.range = [at, end, end];
    this.li = last + 1;
    this.lastInline = undefined;
    this.trailing(indent);
    return scalar;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function unescapeDouble(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i];
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const digits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = body.slice(i + 1, i + 1 + digits);
    if (!digits || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) giveUp();
    out += String.fromCodePoint(parseInt(hex, 16));
    i += digits;
  }
  return out;
}
