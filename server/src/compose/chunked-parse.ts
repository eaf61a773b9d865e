import { Document, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, type Node } from 'yaml';
import { MAX_FULL_PARSE_BYTES, parseYaml, type YamlFile } from '../yaml/parse';

/**
 * Keystroke-speed parsing of a Compose file. A Compose file is one mapping whose big part, `services`, is a
 * list of independent blocks; the file is cut at top-level keys and at service keys, each block is parsed
 * once and reused while its text is unchanged (its ranges shifted when an edit above it moved it), and the
 * blocks are assembled into one Document. Anything this cannot reproduce exactly — anchors and aliases,
 * several documents, flow or odd top levels, any syntax error, a key repeated across blocks — goes through
 * the ordinary full parse (parseYaml), so results are always those of parseYaml.
 */
interface Chunk {
  start: number;
  text: string;
  kind: 'top' | 'service';
}

interface Cached {
  doc: Document.Parsed;
  base: number;
}

const caches = new Map<string, Map<string, Cached>>();

/** `minLength`: below it the full parse is as fast, so small files always take it. */
export function parseCompose(text: string, cacheKey: string, minLength = 2000): YamlFile {
  // Past the full parser's size bound, chunks would only spread the same cost over more calls.
  const chunks = text.length < minLength || text.length > MAX_FULL_PARSE_BYTES ? undefined : cut(text);
  if (!chunks) return parseYaml(text);
  const previous = caches.get(cacheKey) ?? new Map<string, Cached>();
  const next = new Map<string, Cached>();
  const parsed: { chunk: Chunk; doc: Document.Parsed }[] = [];
  for (const chunk of chunks) {
    const key = `${chunk.kind}\u0000${chunk.text}`;
    let entry = next.has(key) ? undefined : previous.get(key);
    if (entry) {
      if (entry.base !== chunk.start) shift(entry.doc, chunk.start - entry.base);
      entry.base = chunk.start;
    } else {
      const [doc] = parseYaml(chunk.text).documents;
      if (!doc || doc.errors.length || doc.warnings.length) return fallback(text, cacheKey);
      shift(doc, chunk.start);
      entry = { doc, base: chunk.start };
    }
    if (!next.has(key)) next.set(key, entry);
    parsed.push({ chunk, doc: entry.doc });
  }
  const assembled = assemble(text, parsed);
  if (!assembled) return fallback(text, cacheKey);
  caches.set(cacheKey, next);
  if (caches.size > 50) caches.delete(caches.keys().next().value as string);
  return { documents: [assembled] };
}

function fallback(text: string, cacheKey: string): YamlFile {
  caches.delete(cacheKey);
  return parseYaml(text);
}

const TOP_KEY = /^[A-Za-z0-9_."'][^:#]*:(?:\s|$)/;

/** Blocks of the file, or undefined when it is not the plain block-mapping shape this handles. */
function cut(text: string): Chunk[] | undefined {
  if (/(^|[\s[{,])[&*!][^\s,[\]{}]/.test(text) || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end + 1;
    lines.push({ start, text: text.slice(start, stop) });
    start = stop;
  }
  const chunks: Chunk[] = [];
  let servicesIndent = -1;
  let inServices = false;
  for (const line of lines) {
    const first = line.text[0];
    if (first === undefined || first === '\n' || first === '\r' || first === '#') continue;
    if (first !== ' ') {
      if (!TOP_KEY.test(line.text) || line.text.startsWith('---') || line.text.startsWith('...')) return undefined;
      inServices = /^services:\s*(#.*)?$/.test(line.text.trimEnd());
      servicesIndent = -1;
      chunks.push({ start: line.start, text: '', kind: 'top' });
      continue;
    }
    if (!chunks.length) return undefined;
    if (inServices) {
      const indent = line.text.length - line.text.trimStart().length;
      const content = line.text.trimStart();
      if (content.startsWith('#')) continue;
      if (servicesIndent < 0) servicesIndent = indent;
      if (indent < servicesIndent) return undefined;
      if (indent === servicesIndent) {
        if (content.startsWith('-') || !TOP_KEY.test(content)) return undefined;
        chunks.push({ start: line.start, text: '', kind: 'service' });
      }
    }
  }
  if (!chunks.length) return undefined;
  // Leading comments stay with the first block, so offsets cover the whole text.
  chunks[0].start = 0;
  for (let i = 0; i < chunks.length; i++) chunks[i].text = text.slice(chunks[i].start, i + 1 < chunks.length ? chunks[i + 1].start : text.length);
  return chunks;
}

/** One Document from the blocks: top-level pairs in order, service pairs gathered under `services`. */
function assemble(text: string, parsed: { chunk: Chunk; doc: Document.Parsed }[]): Document.Parsed | undefined {
  const root = new YAMLMap();
  let services: YAMLMap | undefined;
  let servicesMap: YAMLMap | undefined;
  const top = new Set<string>();
  const names = new Set<string>();
  for (const { chunk, doc } of parsed) {
    const contents = doc.contents as Node | null;
    if (chunk.kind === 'top') {
      if (!isMap(contents) || contents.items.length !== 1) return undefined;
      const pair = contents.items[0] as Pair<Node, Node | null>;
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (name === undefined || top.has(name)) return undefined;
      top.add(name);
      if (name === 'services' && (pair.value === null || (isScalar(pair.value) && pair.value.value === null))) {
        services = servicesMap = new YAMLMap();
        root.items.push(new Pair(pair.key, services));
        continue;
      }
      services = undefined;
      root.items.push(new Pair(pair.key, pair.value));
      continue;
    }
    if (!services || !isMap(contents)) return undefined;
    for (const item of contents.items) {
      const name = isScalar(item.key) ? String(item.key.value) : undefined;
      if (name === undefined || names.has(name)) return undefined;
      names.add(name);
      services.items.push(item);
    }
  }
  if (servicesMap) {
    const first = servicesMap.items[0]?.key as Node | undefined;
    const last = servicesMap.items[servicesMap.items.length - 1];
    const end = (last?.value as Node | null)?.range?.[2] ?? (last?.key as Node | undefined)?.range?.[2];
    if (first?.range && end !== undefined) servicesMap.range = [first.range[0], end, end];
  }
  const firstKey = root.items[0]?.key as Node | undefined;
  const lastPair = root.items[root.items.length - 1];
  const rootEnd = (lastPair?.value as Node | null)?.range?.[2] ?? (lastPair?.key as Node | undefined)?.range?.[2] ?? text.length;
  root.range = [firstKey?.range?.[0] ?? 0, rootEnd, rootEnd];
  const document = new Document() as unknown as Document.Parsed;
  document.contents = root as never;
  (document as { range: [number, number, number] }).range = [0, rootEnd, text.length];
  document.errors = [];
  document.warnings = [];
  return document;
}

/** Moves every range of a parsed block by `delta` characters. */
function shift(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { range?: [number, number, number] | null };
    if (n.range) n.range = [n.range[0] + delta, n.range[1] + delta, n.range[2] + delta];
    if (isMap(node))
      for (const pair of node.items) {
        visit(pair.key);
        visit(pair.value);
      }
    else if (isSeq(node)) for (const item of node.items) visit(item);
    else if (isPair(node)) {
      visit(node.key);
      visit(node.value);
    }
  };
  visit(doc.contents);
  const range = (doc as { range?: [number, number, number] }).range;
  if (range) (doc as { range: [number, number, number] }).range = [range[0] + delta, range[1] + delta, range[2] + delta];
}
