import type { Node } from 'jsonc-parser';

/**
 * A strict JSON parser building the same tree as jsonc-parser's parseTree (offsets, lengths, colonOffset,
 * parent links), about three times faster on large files because it reads characters directly instead of
 * through a scanner and visitor. It gives up (returns undefined) at the first error: the caller then parses
 * with jsonc-parser, which recovers and says what is wrong. test/unit/json proves the trees equal.
 */
export function parseStrictJson(text: string): Node | undefined {
  const parser = new Parser(text);
  try {
    parser.skipSpace();
    const root = parser.value(undefined);
    parser.skipSpace();
    return parser.pos === text.length ? root : undefined;
  } catch (error) {
    if (error === FAIL) return undefined;
    throw error;
  }
}

const FAIL = Symbol('invalid JSON');

/** A node while it is built (jsonc-parser's Node is read-only). */
type Building = { -readonly [K in keyof Node]: Node[K] };

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else break;
    }
    this.pos = pos;
  }

  value(parent: Node | undefined): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === 123) return this.object(parent);
    if (c === 91) return this.array(parent);
    if (c === 34) return this.string(parent);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number(parent);
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        const node: Node = { type: value === null ? 'null' : 'boolean', offset: this.pos, length: word.length, value, parent };
        this.pos += word.length;
        return node;
      }
    }
    throw FAIL;
  }

  object(parent: Node | undefined): Node {
    const node: Building = { type: 'object', offset: this.pos, length: 0, parent, children: [] };
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      node.length = this.pos - node.offset;
      return node;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 34) throw FAIL;
      const property: Building = { type: 'property', offset: this.pos, length: 0, parent: node, children: [] };
      property.children!.push(this.string(property));
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 58) throw FAIL;
      property.colonOffset = this.pos;
      this.pos++;
      this.skipSpace();
      const value = this.value(property);
      property.children!.push(value);
      property.length = value.offset + value.length - property.offset;
      node.children!.push(property);
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 125) break;
      if (next !== 44) throw FAIL;
      this.skipSpace();
    }
    node.length = this.pos - node.offset;
    return node;
  }

  array(parent: Node | undefined): Node {
    const node: Building = { type: 'array', offset: this.pos, length: 0, parent, children: [] };
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      node.length = this.pos - node.offset;
      return node;
    }
    for (;;) {
      node.children!.push(this.value(node));
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === 93) break;
      if (next !== 44) throw FAIL;
      this.skipSpace();
    }
    node.length = this.pos - node.offset;
    return node;
  }

  string(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        pos += 2;
        continue;
      }
      // Control characters must be escaped; NaN is the end of the text.
      if (c < 32 || Number.isNaN(c)) throw FAIL;
      pos++;
    }
    if (pos >= text.length) throw FAIL;
    const raw = text.slice(start, pos + 1);
    let value: string;
    if (!escaped) value = raw.slice(1, -1);
    else {
      try {
        value = JSON.parse(raw);
      } catch {
        throw FAIL;
      }
    }
    this.pos = pos + 1;
    return { type: 'string', offset: start, length: pos + 1 - start, value, parent };
  }

  number(parent: Node | undefined): Node {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) throw FAIL;
    const node: Node = { type: 'number', offset: this.pos, length: match[0].length, value: Number(match[0]), parent };
    this.pos += match[0].length;
    return node;
  }
}

const LITERALS: [string, boolean | null][] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
/** RFC 8259's number, anchored at lastIndex (sticky); linear. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
