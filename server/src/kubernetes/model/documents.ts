import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { plainValueOf, readBlockDocument } from '../../yaml/block-reader';
import { parseYaml } from '../../yaml/parse';

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
    if (offset > start && (first === 45 /* - */ || first === 46 /* . */)) {
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
    const yaml = read ?? parseYaml(span.text).documents[0] ?? parseYaml('{}').documents[0];
    readAsKubernetesDoes(yaml);
    let value: Record<string, unknown> | null = null;
    // Non-scalar keys are legal YAML but meaningless here; the schema check reports them, not a process warning.
    yaml.options.logLevel = 'error';
    try {
      // The reader's trees have no aliases, merge keys or non-string keys: their value is a plain copy.
      const js = read ? plainValueOf(yaml.contents) : (yaml.toJS({ maxAliasCount: 1000 }) as unknown);
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
    text: entry.text, startLine: span.startLine, startOffset: span.startOffset, local: entry.local, yaml: entry.yaml, value: entry.value,
    apiVersion: entry.apiVersion, kind: entry.kind, name: entry.name, namespace: entry.namespace,
  };
}

const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$/;
const YAML11_OCTAL = /^[-+]?0[0-7]+$/;
/** 1_000 (YAML 1.1): digits and underscores, at least one underscore. One loop, so linear on any scalar. */
const DIGITS_AND_UNDERSCORES = /^[-+]?\d[\d_]*$/;
const isUnderscoredInt = (text: string) => text.includes('_') && DIGITS_AND_UNDERSCORES.test(text);

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
    if (typeof text !== 'string') return;
    if (YAML11_BOOLEAN.test(text)) node.value = /^(?:y|yes|on)$/i.test(text);
    else if (YAML11_OCTAL.test(text)) node.value = parseInt(text, 8);
    else if (isUnderscoredInt(text)) node.value = Number(text.replace(/_/g, ''));
  }
}

/**
 * All documents of a file, cached per file text (the workspace index asks for the same file often).
 * Bounded by documents, not files: a few big manifests must not keep thousands of trees alive.
 * With a lineage (an open document's, see SourceFile.lineage) the previous version's documents are reused
 * by text instead, so an edit parses only the documents it changed, however many the file holds.
 */
const byFile = new Map<string, ManifestDocument[]>();
const FILE_CACHE_DOCUMENTS = 500;
let cachedDocuments = 0;
const byLineage = new WeakMap<object, { text: string; docs: ManifestDocument[] }>();
export function manifestDocuments(text: string, lineage?: object): ManifestDocument[] {
  if (lineage) return lineageDocuments(text, lineage);
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
export function documentsOf(file: { text: string; lineage?: object }): ManifestDocument[] {
  return manifestDocuments(file.text, file.lineage);
}

function lineageDocuments(text: string, lineage: object): ManifestDocument[] {
  const previous = byLineage.get(lineage);
  if (previous?.text === text) return previous.docs;
  const before = previous?.docs ?? [];
  let byText: Map<string, ManifestDocument> | undefined;
  const docs = splitDocuments(text).map((span, i) => {
    // Documents keep their order: the same index is the likely match, text lookup the fallback (one inserted or removed).
    let old: ManifestDocument | undefined = before[i];
    if (old?.text !== span.text) {
      byText ??= new Map(before.map((doc) => [doc.text, doc]));
      old = byText.get(span.text);
    }
    // A new document's text is copied out of the file's: a slice would keep this whole version of the file alive.
    if (!old) return parseManifestDocument(previous ? { text: detached(span.text), startLine: span.startLine, startOffset: span.startOffset } : span);
    return old.startLine === span.startLine && old.startOffset === span.startOffset ? old : placed(old, span);
  });
  byLineage.set(lineage, { text, docs });
  return docs;
}

function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
