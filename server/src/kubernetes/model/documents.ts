import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { plainValueOf, readBlockDocument } from '../../yaml/block-reader';
import { parseYaml } from '../../yaml/parse';
import type { TextChange } from '../../core/source';

/** One YAML document of a manifest file, parsed on its own so an edit elsewhere never re-parses it. */
export interface ManifestDocument {
  /** The document's own text, from its `---` line (if any) to the next one. */
  text: string;
  /** First line of this document in the file. */
  startLine: number;
  startOffset: number;
  /** Positions here are local to `text`; add startLine to get file lines. */
  local: TextDocument;
  yaml: Document.Parsed;
  /** Plain value of the document (null when empty or not a mapping). */
  value: Record<string, unknown> | null;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface DocumentSpan {
  text: string;
  startLine: number;
  startOffset: number;
}

const SEPARATOR = /^(?:---|\.\.\.)(?:[ \t]|$)/;

/** Splits at `---` / `...` lines in column 0. Block scalars are indented, so they never hold one. */
export function splitDocuments(text: string): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let startLine = 0;
  let offset = 0;
  let line = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const first = text.charCodeAt(offset);
    if (offset > start && (first === 45 /* - */ || first === 46) /* . */) {
      if (SEPARATOR.test(text.slice(offset, Math.min(end, offset + 4)))) {
        spans.push({ text: text.slice(start, offset), startLine, startOffset: start });
        start = offset;
        startLine = line;
      }
    }
    offset = end + 1;
    line++;
  }
  spans.push({ text: text.slice(start), startLine, startOffset: start });
  return spans;
}

const parsed = new Map<string, Omit<ManifestDocument, 'startLine' | 'startOffset'>>();
/** Enough for a few large open files plus the indexed workspace; each entry holds a syntax tree. */
const PARSE_CACHE_LIMIT = 500;

/** Parses one document's text, reusing the result for identical text (the unchanged documents of an edit). */
export function parseManifestDocument(span: DocumentSpan): ManifestDocument {
  let entry = parsed.get(span.text);
  if (entry) {
    // Least recently used goes first: the documents of the file being edited stay cached.
    parsed.delete(span.text);
    parsed.set(span.text, entry);
  } else {
    // Plain block YAML (nearly every manifest) takes the fast reader; anything else, errors included, the full parser.
    const read = readBlockDocument(span.text);
    const full = read ? undefined : parseYaml(span.text).documents[0];
    const yaml = read ?? full ?? parseYaml('{}').documents[0];
    readAsKubernetesDoes(yaml);
    let value: Record<string, unknown> | null = null;
    // Non-scalar keys are legal YAML but meaningless here; the schema check reports them, not a process warning.
    yaml.options.logLevel = 'error';
    try {
      // The reader's trees have no aliases, merge keys or non-string keys: their value is a plain copy.
      // No document at all (only comments, blank lines, a bare `---`): kubectl and kustomize skip it.
      const js = read ? plainValueOf(yaml.contents) : full ? (yaml.toJS({ maxAliasCount: 1000 }) as unknown) : null;
      value = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : null;
    } catch {
      value = null;
    }
    const metadata = value && isRecord(value.metadata) ? value.metadata : undefined;
    entry = {
      text: span.text,
      local: TextDocument.create('local:', 'yaml', 0, span.text),
      yaml,
      value,
      apiVersion: typeof value?.apiVersion === 'string' ? value.apiVersion : undefined,
      kind: typeof value?.kind === 'string' ? value.kind : undefined,
      name: typeof metadata?.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata?.namespace === 'string' ? metadata.namespace : undefined,
    };
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.delete(parsed.keys().next().value as string);
    parsed.set(span.text, entry);
  }
  return placed(entry, span);
}

/**
 * A parsed document at its place in a file. Spelled out, not `{ ...entry, startLine }`: Node 20's V8 takes a
 * slow path for a spread followed by more properties (~2 µs each), which a 2,000-document file pays per edit.
 */
function placed(entry: Omit<ManifestDocument, 'startLine' | 'startOffset'>, span: DocumentSpan): ManifestDocument {
  return {
    text: entry.text,
    startLine: span.startLine,
    startOffset: span.startOffset,
    local: entry.local,
    yaml: entry.yaml,
    value: entry.value,
    apiVersion: entry.apiVersion,
    kind: entry.kind,
    name: entry.name,
    namespace: entry.namespace,
  };
}

const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/;
const YAML11_OCTAL = /^[-+]?0[0-7]+$/;
/** 1_000 (YAML 1.1): digits and underscores, at least one underscore. One loop, so linear on any scalar. */
const DIGITS_AND_UNDERSCORES = /^[-+]?\d[\d_]*$/;
const isUnderscoredInt = (text: string) => text.includes('_') && DIGITS_AND_UNDERSCORES.test(text);
/** First characters of what the three above can match (most scalars, names and images, start otherwise). */
const MAY_READ_DIFFERENTLY = new Set([...'yYnNoO0123456789+-'].map((c) => c.charCodeAt(0)));

/**
 * kubectl and kube-apiserver read YAML with sigs.k8s.io/yaml, i.e. YAML 1.1 rules: plain yes/no/on/off/y/n
 * are booleans, 0644 is octal (420), 1_000 is 1000. The yaml package reads YAML 1.2, so plain scalars are
 * re-read here the server's way; `source` keeps what was written for messages.
 */
export function readAsKubernetesDoes(doc: Document.Parsed): void {
  reread(doc.contents);
}

/** What `visit` would reach with a Scalar visitor that skips keys; a plain walk is several times faster. */
function reread(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) reread(item);
  } else if (isPair(node)) {
    if (!isScalar(node.key)) reread(node.key);
    reread(node.value);
  } else if (isScalar(node) && node.type === 'PLAIN') {
    const text = node.source ?? (typeof node.value === 'string' ? node.value : undefined);
    if (typeof text !== 'string' || !MAY_READ_DIFFERENTLY.has(text.charCodeAt(0))) return;
    if (YAML11_BOOLEAN.test(text)) node.value = /^(?:y|yes|on)$/i.test(text);
    else if (YAML11_OCTAL.test(text)) node.value = parseInt(text, 8);
    else if (isUnderscoredInt(text)) node.value = Number(text.replace(/_/g, ''));
  }
}

/**
 * All documents of a file, cached per file text (the workspace index asks for the same file often).
 * Bounded by documents, not files: a few big manifests must not keep thousands of trees alive.
 * An open document's versions go through documentsOf and its lineage instead.
 */
const byFile = new Map<string, ManifestDocument[]>();
const FILE_CACHE_DOCUMENTS = 500;
let cachedDocuments = 0;
const byLineage = new WeakMap<object, { text: string; docs: ManifestDocument[] }>();
export function manifestDocuments(text: string): ManifestDocument[] {
  let docs = byFile.get(text);
  if (docs) {
    byFile.delete(text);
  } else {
    docs = splitDocuments(text).map(parseManifestDocument);
    cachedDocuments += docs.length;
    for (const [oldest, old] of byFile) {
      if (cachedDocuments <= FILE_CACHE_DOCUMENTS) break;
      byFile.delete(oldest);
      cachedDocuments -= old.length;
    }
  }
  byFile.set(text, docs);
  return docs;
}

/** The documents of a file's SourceFile: an open one reuses what its previous version parsed. */
export function documentsOf(file: { text: string; lineage?: object; change?: TextChange }): ManifestDocument[] {
  return file.lineage ? lineageDocuments(file.text, file.lineage, file.change) : manifestDocuments(file.text);
}

function lineageDocuments(text: string, lineage: object, change?: TextChange): ManifestDocument[] {
  const previous = byLineage.get(lineage);
  if (previous?.text === text) return previous.docs;
  // The editor said where it changed the text this lineage was last split at: only the documents there are read again.
  const docs = (previous && change && previous.text === change.previous && editedDocuments(previous.docs, text, change)) || matchedDocuments(text, previous?.docs);
  byLineage.set(lineage, { text, docs });
  return docs;
}

/** Every document split anew, each matched to the previous version's by text (parsed only when new). */
function matchedDocuments(text: string, before: ManifestDocument[] | undefined): ManifestDocument[] {
  let byText: Map<string, ManifestDocument> | undefined;
  return splitDocuments(text).map((span, i) => {
    // Documents keep their order: the same index is the likely match, text lookup the fallback (one inserted or removed).
    let old: ManifestDocument | undefined = before?.[i];
    if (old?.text !== span.text) {
      byText ??= new Map((before ?? []).map((doc) => [doc.text, doc]));
      old = byText.get(span.text);
    }
    return old ? moved(old, span) : parsedCopy(span, before !== undefined);
  });
}

/**
 * The documents after `change`: those whose text (with its ends) the change touches are split and matched
 * again; those before it are kept as they are and those after it moved by its length, unread. Undefined
 * when the change does not fit the previous documents (then everything is split again).
 */
function editedDocuments(before: ManifestDocument[], text: string, change: TextChange): ManifestDocument[] | undefined {
  const length = change.previous.length;
  if (!before.length || change.end > length || change.start > change.end || text.length !== length + change.newEnd - change.end) return undefined;
  const endOf = (i: number) => (i + 1 < before.length ? before[i + 1].startOffset : length);
  // Ends are inclusive: text typed just before a `---` line, or a deleted newline before it, joins two documents.
  const first = firstIndex(before, (i) => endOf(i) >= change.start);
  const last = firstIndex(before, (i) => before[i].startOffset > change.end) - 1;
  if (first > last) return undefined;
  const from = before[first].startOffset;
  const delta = change.newEnd - change.end;
  const oldEnd = endOf(last);
  const region = text.slice(from, oldEnd + delta);
  const lines = before[first].startLine;
  const lineDelta = newlines(region) - newlines(change.previous.slice(from, oldEnd));
  const spans = splitDocuments(region).map((span) => ({ text: span.text, startLine: span.startLine + lines, startOffset: span.startOffset + from }));
  const out = before.slice(0, first);
  spans.forEach((span, k) => {
    const old = before[first + k];
    out.push(old?.text === span.text ? moved(old, span) : parsedCopy(span, true));
  });
  for (let i = last + 1; i < before.length; i++) {
    const old = before[i];
    out.push(delta === 0 && lineDelta === 0 ? old : placed(old, { text: old.text, startLine: old.startLine + lineDelta, startOffset: old.startOffset + delta }));
  }
  return out;
}

/** The smallest index in 0..docs.length whose predicate holds (it holds for every index after it too). */
function firstIndex(docs: readonly unknown[], holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function moved(old: ManifestDocument, span: DocumentSpan): ManifestDocument {
  return old.startLine === span.startLine && old.startOffset === span.startOffset ? old : placed(old, span);
}

/** A new document's text is copied out of the file's when a version follows: a slice would keep the whole text alive. */
function parsedCopy(span: DocumentSpan, copy: boolean): ManifestDocument {
  return parseManifestDocument(copy ? { text: detached(span.text), startLine: span.startLine, startOffset: span.startOffset } : span);
}

function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Set as the API server decodes it: an explicit `null` leaves a pointer, slice or map nil, like an absent key. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
