import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, RuleInfo } from '../core/diagnostics';
import { parseStrictJson } from './fast-parse';
import { ruleFinding } from '../core/rule';

export type { Node as JsonNode } from 'jsonc-parser';

export const JSON_SYNTAX_RULE: RuleInfo = { id: 'JsonSyntax', severity: 'error', doc: 'The file is not valid JSON (RFC 8259: no comments, no trailing commas); what follows the error is not checked.' };
export const JSON_DUPLICATE_KEY_RULE: RuleInfo = {
  id: 'JsonDuplicateKey',
  severity: 'error',
  doc: 'An object has the same key twice; JSON readers keep one of them silently (Python and the AWS CLI the last), so the other is lost.',
};
export const JSON_REPLACEMENT_CHARACTER_RULE: RuleInfo = {
  id: 'JsonReplacementCharacter',
  severity: 'warning',
  doc: 'The text holds U+FFFD, the character invalid UTF-8 decodes to: the file is probably not UTF-8, which JSON must be.',
};
export const JSON_SYNTAX_RULES: readonly RuleInfo[] = [JSON_SYNTAX_RULE, JSON_DUPLICATE_KEY_RULE, JSON_REPLACEMENT_CHARACTER_RULE];

export interface ParsedJson {
  /** The value parsed, as far as the text allowed (jsonc-parser recovers after errors). */
  root: Node | undefined;
  errors: ParseError[];
  /** The key nodes of properties that repeat an earlier key of the same object (the earlier ones stay). */
  duplicates: Node[];
}

/** Strict JSON with offsets on every node; comments and trailing commas are errors, as for json.loads. */
export function parseJson(text: string): ParsedJson {
  const errors: ParseError[] = [];
  // Valid JSON (the common case, even mid-edit) by the fast reader; jsonc-parser recovers and explains the rest.
  const root = parseStrictJson(text) ?? parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const duplicates: Node[] = [];
  const stack = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    if (!children) continue;
    if (node.type === 'object' && children.length > 1) findRepeated(children, duplicates);
    for (const child of children) if (child.children) stack.push(child);
  }
  duplicates.sort((a, b) => a.offset - b.offset);
  return { root, errors, duplicates };
}

/** The keys of properties that repeat an earlier key, appended to `out`; small objects without a Set. */
function findRepeated(properties: readonly Node[], out: Node[]): void {
  if (properties.length <= 12) {
    for (let i = 1; i < properties.length; i++) {
      const key = properties[i].children?.[0];
      if (!key) continue;
      for (let j = 0; j < i; j++) {
        if (properties[j].children?.[0]?.value === key.value) {
          out.push(key);
          break;
        }
      }
    }
    return;
  }
  const seen = new Set<unknown>();
  for (const property of properties) {
    const key = property.children?.[0];
    if (!key) continue;
    if (seen.has(key.value)) out.push(key);
    seen.add(key.value);
  }
}

export function nodeRange(document: TextDocument, node: Pick<Node, 'offset' | 'length'>): Range {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

/** What the parse found wrong with the text itself, where it is. */
export function jsonSyntaxFindings(document: TextDocument, parsed: ParsedJson): Finding[] {
  const out: Finding[] = [];
  // One syntax error is enough: jsonc-parser's recovery reports a cascade after the first.
  const first = parsed.errors[0];
  if (first) out.push(ruleFinding(JSON_SYNTAX_RULE, nodeRange(document, first), `Invalid JSON: ${describe(printParseErrorCode(first.error))}.`));
  for (const key of parsed.duplicates)
    out.push(ruleFinding(JSON_DUPLICATE_KEY_RULE, nodeRange(document, key), `Duplicate key "${key.value}": an earlier "${key.value}" in the same object is lost when the file is read (the last one wins).`));
  const text = document.getText();
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    const at = document.positionAt(replacement);
    out.push(
      ruleFinding(
        JSON_REPLACEMENT_CHARACTER_RULE,
        { start: at, end: document.positionAt(replacement + 1) },
        `U+FFFD at line ${at.line + 1}: the file is probably not valid UTF-8 (an invalid byte reads as this character). Save it as UTF-8.`,
      ),
    );
  }
  return out;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace is expected',
  CloseBracketExpected: 'a closing bracket is expected',
  EndOfFileExpected: 'nothing may follow the top-level value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'a control character must be escaped inside a string',
};

function describe(code: string): string {
  return MESSAGES[code] ?? code;
}
