import { parseAllDocuments, YAMLParseError, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, RuleInfo } from '../core/diagnostics';
import { ruleFinding } from '../core/rule';
import { YAML_OPTIONS } from './options';
import { addDuplicateKeyErrors } from './unique-keys';
import { MAX_YAML_NESTING, nestingBeyond } from './depth';

/** The one way Shipshape parses YAML: every document, with source offsets kept. */
export interface YamlFile {
  documents: Document.Parsed[];
}

export type YamlPath = readonly (string | number)[];

/**
 * The full parser (the yaml package) reads about 300 kB/s on a loaded 2-core machine, in one uninterruptible
 * call: 5 MB took over 15 s. Plain block Kubernetes YAML takes the fast block reader and never comes here;
 * what does (flow style, anchors, tags, errors, Compose) is bounded so a request stays within seconds.
 */
export const MAX_FULL_PARSE_BYTES = 1024 * 1024;

export function parseYaml(text: string): YamlFile {
  if (text.length > MAX_FULL_PARSE_BYTES) {
    return unparsedFile(
      0,
      `This YAML is ${(text.length / 1024 / 1024).toFixed(1)} MB and needs the full parser (flow style, anchors, tags, Compose or a syntax error), which Shipshape runs on up to ${MAX_FULL_PARSE_BYTES / 1024 / 1024} MB: it was not checked. Split it, or write plain block YAML.`,
    );
  }
  const tooDeep = nestingBeyond(text);
  if (tooDeep !== undefined) return unparsedFile(tooDeep, `YAML nested more than ${MAX_YAML_NESTING} levels deep here: the file was not checked. Nesting this deep is generated or hostile; flatten it.`);
  // Duplicate keys are found afterwards in one pass (the composer's own check is quadratic per map).
  const parsed = parseAllDocuments(text, { ...YAML_OPTIONS, uniqueKeys: false });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) addDuplicateKeyErrors(doc);
  return { documents };
}

/** One empty document carrying the error, so every caller reports it as it reports a syntax error. */
function unparsedFile(offset: number, message: string): YamlFile {
  const [empty] = parseAllDocuments('~', YAML_OPTIONS) as Document.Parsed[];
  empty.errors.push(new YAMLParseError([offset, offset + 1], 'IMPOSSIBLE', message));
  return { documents: [empty] };
}

/** Offsets [start, end) of a node, pair or document in the text. */
export function offsetsOf(node: Node | Pair | Document.Parsed | null | undefined): [number, number] | undefined {
  if (!node) return undefined;
  if (isPair(node)) {
    const key = offsetsOf(node.key as Node | null);
    const value = offsetsOf(node.value as Node | null);
    if (key && value) return [key[0], value[1]];
    return key ?? value;
  }
  const range = (node as { range?: [number, number, number] | null }).range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

export function rangeOfOffsets(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function rangeOf(document: TextDocument, node: Node | Pair | Document.Parsed | null | undefined): Range | undefined {
  const offsets = offsetsOf(node);
  return offsets ? rangeOfOffsets(document, offsets[0], offsets[1]) : undefined;
}

const keyIndex = new WeakMap<object, Map<string, Pair>>();

/**
 * A map's pairs by key (the first of duplicates, as a scan finds it), built once per map: ranges for 10k
 * findings in a 10k-key map were 10⁸ key comparisons.
 */
function pairByKey(map: { items: unknown[] }): Map<string, Pair> {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const item of map.items as Pair[]) {
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!index.has(key)) index.set(key, item);
    }
    keyIndex.set(map, index);
  }
  return index;
}

/** The pair holding `path` (its key names the field), and the value node at that path. */
export function lookup(doc: Document.Parsed, path: YamlPath): { pair?: Pair; value?: Node } {
  let current: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (isMap(current)) {
      pair = pairByKey(current).get(String(segment));
      current = pair?.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      pair = undefined;
      current = current.items[segment];
    } else {
      return {};
    }
    if (current === undefined) return { pair };
  }
  return { pair, value: (current ?? undefined) as Node | undefined };
}

/**
 * Range for a finding about `path`: the key when `part` is 'key' (for unknown or misplaced fields),
 * the value otherwise; falls back to the nearest ancestor that exists.
 */
export function rangeOfPath(document: TextDocument, doc: Document.Parsed, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  for (let depth = path.length; depth >= 0; depth--) {
    const { pair, value } = lookup(doc, path.slice(0, depth));
    const target = part === 'key' || !value ? ((pair?.key as Node | undefined) ?? value) : value;
    const range = rangeOf(document, target);
    if (range) return range;
  }
  return rangeOf(document, doc) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export const YAML_SYNTAX_RULE: RuleInfo = { id: 'YamlSyntax', severity: 'error', doc: 'The file is not well-formed YAML.' };
export const YAML_DUPLICATE_KEY_RULE: RuleInfo = { id: 'YamlDuplicateKey', severity: 'error', doc: 'A mapping repeats a key; Compose and the Kubernetes API server reject it.' };
export const YAML_WARNING_RULE: RuleInfo = { id: 'YamlWarning', severity: 'warning', doc: 'The YAML parser accepted something it warns about.' };
/** The parser's codes, which every YAML language reports (one pass reports all three). */
export const YAML_SYNTAX_RULES: readonly RuleInfo[] = [YAML_SYNTAX_RULE, YAML_DUPLICATE_KEY_RULE, YAML_WARNING_RULE];

/** YAML syntax errors and duplicate keys, as findings. Both the Compose and Kubernetes services report these. */
export function yamlSyntaxFindings(document: TextDocument, yaml: YamlFile): Finding[] {
  const findings: Finding[] = [];
  for (const doc of yaml.documents) {
    for (const error of doc.errors) {
      const [start, end] = error.pos;
      const rule = error.code === 'DUPLICATE_KEY' ? YAML_DUPLICATE_KEY_RULE : YAML_SYNTAX_RULE;
      findings.push(ruleFinding(rule, rangeOfOffsets(document, start, Math.max(end, start + 1)), firstLine(error.message)));
    }
    for (const warning of doc.warnings) {
      const [start, end] = warning.pos;
      findings.push(ruleFinding(YAML_WARNING_RULE, rangeOfOffsets(document, start, Math.max(end, start + 1)), firstLine(warning.message)));
    }
  }
  return findings;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0].replace(/ at line \d+, column \d+:?$/, '');
}
