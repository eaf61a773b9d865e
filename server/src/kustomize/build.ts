// `shipshape lint` of kustomizations: each root (one no other kustomization of the run uses as a resource or
// component) is built by kustomize's engine with origin annotations, and the built documents go through the
// Kubernetes service. Each finding goes to the resource file kustomize says the document came from, on the
// same field there (else on the kustomization's resources entry); a build error goes on the kustomization.
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { Finding, RuleInfo } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import { pathToUri, type SourceFile } from '../core/source';
import { buildKustomization } from '../engines/kustomize';
import { EngineError, type EngineProcess } from '../engines/process';
import { validateManifest } from '../kubernetes/engine';
import { lookup, offsetsOf, parseYaml, rangeOf, rangeOfPath, type YamlPath } from '../yaml/parse';
import { kustomizationOf } from './model';

export const KUSTOMIZE_BUILD_RULE: RuleInfo = {
  id: 'KustomizeBuild',
  severity: 'error',
  doc: '`kustomize build` of the kustomization fails (a patch whose target matches nothing, conflicting ids, a missing file, a remote resource offline), as kustomize reports it.',
};

export const KUSTOMIZE_ENGINE_UNAVAILABLE: RuleInfo = {
  id: 'KustomizeEngineUnavailable',
  severity: 'warning',
  doc: "Shipshape's engine, which builds kustomizations, is not available: the built documents are not checked.",
};

const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const BUILD_TIMEOUT_MS = 30_000;
const ORIGIN = 'config.kubernetes.io/origin';

/** The kustomizations no other one in `files` uses as a resource or component. */
export function rootKustomizations(files: readonly SourceFile[]): SourceFile[] {
  const kustomizations = files.filter((file) => file.kind === 'kustomization' && file.path);
  const used = new Set<string>();
  for (const file of kustomizations) {
    for (const entry of kustomizationOf(file)?.entries ?? []) if (entry.role === 'resource' || entry.role === 'component') used.add(entry.absolute);
  }
  return kustomizations.filter((file) => !used.has(path.dirname(file.path)));
}

/** Findings of one root's build, by absolute file path. */
export async function buildFindings(root: SourceFile, engine: () => EngineProcess, ctx: ServiceContext): Promise<Map<string, Finding[]>> {
  const out = new Map<string, Finding[]>();
  const add = (file: string, item: Finding) => {
    let list = out.get(file);
    if (!list) out.set(file, (list = []));
    if (!list.some((f) => f.code === item.code && f.message === item.message && f.range.start.line === item.range.start.line)) list.push(item);
  };
  const dir = path.dirname(root.path);
  let yaml: string;
  try {
    const result = await buildKustomization(engine(), { path: dir, overlay: { [root.path]: withOrigins(root) } }, { timeoutMs: BUILD_TIMEOUT_MS });
    if (result.error !== undefined) {
      add(root.path, ruleFinding(KUSTOMIZE_BUILD_RULE, FIRST_LINE, `kustomize build fails: ${result.error}`));
      return out;
    }
    yaml = result.yaml;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineError && error.code === 'missing') {
      add(root.path, ruleFinding(KUSTOMIZE_ENGINE_UNAVAILABLE, FIRST_LINE, message));
      return out;
    }
    add(root.path, ruleFinding(KUSTOMIZE_BUILD_RULE, FIRST_LINE, `The kustomization could not be built: ${message}`));
    return out;
  }
  const uri = `shipshape-kustomize-build:${pathToUri(dir).slice('file:'.length)}`;
  const built: SourceFile = { uri, path: '', version: 0, kind: 'kubernetes', kubernetesVersion: root.kubernetesVersion, text: yaml, document: TextDocument.create(uri, 'yaml', 0, yaml) };
  const documents = new BuiltDocuments(yaml);
  const sources = new Sources(ctx);
  for (const item of validateManifest(built, ctx)) {
    const { doc, offset } = documents.at(built.document.offsetAt(item.range.start));
    const origin = doc && originOf(doc);
    const where = doc ? describe(doc) : 'the built output';
    if (!doc || !origin) {
      add(root.path, { ...item, range: FIRST_LINE, message: `${item.message} (in ${where}, built by this kustomization)` });
      continue;
    }
    const file = path.resolve(dir, origin);
    const at = pathAt(doc, offset);
    const mapped = sources.locate(file, doc, at.path, at.onKey ? 'key' : 'value');
    if (mapped) add(file, { ...item, range: mapped, message: `${item.message} (in ${where}, built by ${path.relative(path.dirname(file), root.path) || root.path})` });
    else add(root.path, { ...item, range: resourceEntry(root, origin), message: `${item.message} (in ${where}, from ${origin})` });
  }
  return out;
}

/**
 * The built documents, each parsed alone when a finding is in it: a build with CRDs is past the 1 MB the
 * full parser takes in one piece, its documents are not. kustomize separates them with '---' lines.
 */
class BuiltDocuments {
  private readonly starts: number[] = [0];
  private readonly parsed = new Map<number, Document.Parsed | undefined>();

  constructor(private readonly text: string) {
    for (const match of text.matchAll(/^---\n/gm)) this.starts.push(match.index + match[0].length);
  }

  /** The document holding `offset`, and the offset inside it. */
  at(offset: number): { doc: Document.Parsed | undefined; offset: number } {
    let index = this.starts.length - 1;
    while (index > 0 && this.starts[index] > offset) index--;
    const start = this.starts[index];
    if (!this.parsed.has(index)) {
      const end = index + 1 < this.starts.length ? this.starts[index + 1] : this.text.length;
      this.parsed.set(index, parseYaml(this.text.slice(start, end)).documents[0]);
    }
    return { doc: this.parsed.get(index), offset: offset - start };
  }
}

/** The kustomization's text with originAnnotations in buildMetadata, so each built document says its file. */
function withOrigins(root: SourceFile): string {
  const doc = kustomizationOf(root)?.yaml;
  if (!doc) return root.text;
  const current = doc.toJS()?.buildMetadata;
  const list = Array.isArray(current) ? current.map(String) : [];
  if (list.includes('originAnnotations')) return root.text;
  const copy = doc.clone();
  copy.set('buildMetadata', [...list, 'originAnnotations']);
  return copy.toString();
}

function originOf(doc: Document.Parsed): string | undefined {
  const origin = doc.getIn(['metadata', 'annotations', ORIGIN]);
  const match = typeof origin === 'string' ? /^path:\s*(.+)$/m.exec(origin) : null;
  return match?.[1].trim().replace(/^["']|["']$/g, '');
}

function describe(doc: Document.Parsed): string {
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  return `${typeof kind === 'string' ? kind : 'document'}${typeof name === 'string' ? ` ${name}` : ''}`;
}

/** The path of the deepest node holding `offset`, and whether the offset is on that field's key. */
function pathAt(doc: Document.Parsed, offset: number): { path: YamlPath; onKey: boolean } {
  const out: (string | number)[] = [];
  let node: unknown = doc.contents;
  let onKey = false;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && within(p.key, p.value, offset));
      if (!pair || !isScalar(pair.key)) return { path: out, onKey };
      out.push(String(pair.key.value));
      onKey = within(pair.key, pair.key, offset);
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item, item, offset));
      if (index < 0) return { path: out, onKey };
      out.push(index);
      onKey = false;
      node = node.items[index];
    } else return { path: out, onKey };
  }
}

function within(from: unknown, to: unknown, offset: number): boolean {
  const start = offsetsOf(from as Node)?.[0];
  const end = offsetsOf((to ?? from) as Node)?.[1];
  return start !== undefined && end !== undefined && offset >= start && offset <= end;
}

/** The kustomization's resources entry that names `origin` (or its first folder), else its first line. */
function resourceEntry(root: SourceFile, origin: string): Range {
  const kustomization = kustomizationOf(root);
  const first = origin.split('/').filter((part) => part !== '.')[0];
  const entry = kustomization?.entries.find((e) => e.role === 'resource' && (e.value === origin || e.value.replace(/\/$/, '') === first || origin.startsWith(`${e.value.replace(/\/$/, '')}/`)));
  return (entry && rangeOf(root.document, entry.node)) ?? FIRST_LINE;
}

/** Resource files, parsed once per build, read through the workspace's guard. */
class Sources {
  private readonly files = new Map<string, { documents: Document.Parsed[]; document: TextDocument } | null>();

  constructor(private readonly ctx: ServiceContext) {}

  /** The range of `at` in the document of `file` with the built document's kind (and name when it has one). */
  locate(file: string, built: Document.Parsed, at: YamlPath, part: 'key' | 'value'): Range | undefined {
    let parsed = this.files.get(file);
    if (parsed === undefined) {
      const text = this.ctx.workspace.readFile(file);
      parsed = text === undefined ? null : { documents: parseYaml(text).documents, document: TextDocument.create(pathToUri(file), 'yaml', 0, text) };
      this.files.set(file, parsed);
    }
    if (!parsed) return undefined;
    const kind = built.get('kind');
    const name = built.getIn(['metadata', 'name']);
    const candidates = parsed.documents.filter((d) => d.get('kind') === kind);
    // A namePrefix/Suffix changes the built name: the source name is inside it.
    const source =
      candidates.find((d) => d.getIn(['metadata', 'name']) === name) ??
      candidates.find((d) => typeof name === 'string' && String(d.getIn(['metadata', 'name'])).length > 0 && name.includes(String(d.getIn(['metadata', 'name'])))) ??
      candidates[0];
    if (!source) return undefined;
    // The field where the source has it, else the deepest part of its path there (a patch may have added the rest).
    return rangeOfPath(parsed.document, source, at, lookup(source, at).value ? part : 'key');
  }
}
