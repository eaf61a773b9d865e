// Kustomizations built by kustomize's engine (builds.ts) and the built documents checked by the Kubernetes
// service, each finding put where a user must change it: the patch file that set the field, the
// kustomization line of the transformer that set it (namePrefix, images, replicas, labels…), else the
// resource file the document came from (kustomize's origin and transformer annotations say which), on the
// same field; a build error on the kustomization entry that names the failing file. The editor (any file a
// build reads asks for its roots' builds: builtFindingsFor) and `shipshape lint` (each root once) share it.
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { VALIDATION_BUDGET_MS, withBudget } from '../core/budget';
import type { Finding, RuleInfo } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import { pathToUri, type SourceFile } from '../core/source';
import { validateManifest } from '../kubernetes/engine';
import { lookup, offsetsOf, parseYaml, rangeOf, rangeOfPath, type YamlPath } from '../yaml/parse';
import type { BuildOutcome, KustomizeBuildRequest } from './builds';
import { kustomizeGraph, type KustomizeGraph } from './graph';
import { kustomizationOf, type Kustomization } from './model';

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

/** Root builds one file's validation starts (the editor's); other roots' current builds are read, not started. */
const MAX_BUILDS_PER_FILE = 2;
const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const ORIGIN = 'config.kubernetes.io/origin';
const TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';
const ANNOTATIONS = ['originAnnotations', 'transformerAnnotations'];

/** The kustomizations no other one in `files` uses as a resource or component. */
export function rootKustomizations(files: readonly SourceFile[]): SourceFile[] {
  const kustomizations = files.filter((file) => file.kind === 'kustomization' && file.path);
  const used = new Set<string>();
  for (const file of kustomizations) {
    for (const entry of kustomizationOf(file)?.entries ?? []) if (entry.role === 'resource' || entry.role === 'component') used.add(entry.absolute);
  }
  return kustomizations.filter((file) => !used.has(path.dirname(file.path)));
}

/** The build of `root` as the editor shows it: the open files it reads laid over the disk, read as the workspace reads. */
export function buildRequest(root: SourceFile, ctx: ServiceContext, graph: KustomizeGraph): KustomizeBuildRequest {
  const reads = graph.filesOf(root.path);
  const overlay: Record<string, string> = {};
  for (const open of ctx.workspace.openFiles()) if (open.path && reads.has(open.path)) overlay[open.path] = open.text;
  overlay[root.path] = withAnnotations(root);
  return { root: root.path, overlay, policy: ctx.workspace.readPolicy?.() };
}

/**
 * The findings of a file from every root build that reads it, besides those the file's own check made
 * (`own`): a finding both report on the same line (a base resource checked alone and built) is kept once.
 */
export function builtFindingsFor(file: SourceFile, ctx: ServiceContext, own: Finding[]): Finding[] | Promise<Finding[]> {
  const builds = ctx.kustomize;
  if (!builds || !file.path) return own;
  const graph = kustomizeGraph(ctx.workspace, ctx.workspace.revisionFor?.(file));
  const roots = graph.rootsReading(file.path);
  if (!roots.length) return own;
  // Bounded: a base file of a big tree is read by many roots, each a build of its own (argo-cd's install
  // variants take a second each with their CRDs). The roots open in the editor come first, then the smallest;
  // past MAX_BUILDS_PER_FILE only builds already made for the same inputs count.
  const open = new Set<string>();
  for (const file of ctx.workspace.openFiles()) open.add(file.path);
  const ordered = [...roots].sort((a, b) => Number(open.has(b.file.path)) - Number(open.has(a.file.path)) || graph.filesOf(a.file.path).size - graph.filesOf(b.file.path).size);
  return (async () => {
    const out = [...own];
    for (const [i, root] of ordered.entries()) {
      const request = buildRequest(root.file, ctx, graph);
      const outcome = i < MAX_BUILDS_PER_FILE ? await builds.build(request) : builds.current(request);
      if (!outcome) continue;
      // Validating the built output is synchronous work on the server's thread: under the same budget as any validation.
      const found = withBudget(VALIDATION_BUDGET_MS, () => outcomeFindings(outcome, ctx, graph)).get(file.path) ?? [];
      for (const item of found) if (!out.some((d) => sameDefect(d, item))) out.push(item);
    }
    return out;
  })();
}

/**
 * One defect seen twice: the same code on the same line (a base resource checked alone and built), or a
 * build error on an entry the kustomization's own checks already flag (a path that does not exist).
 */
function sameDefect(own: Finding, built: Finding): boolean {
  if (own.range.start.line !== built.range.start.line) return false;
  return own.code === built.code || (built.code === KUSTOMIZE_BUILD_RULE.id && typeof own.code === 'string' && own.code.startsWith('Kustomize'));
}

const byOutcome = new WeakMap<BuildOutcome, Map<string, Finding[]>>();

/** Findings of one root's build, by absolute file path; computed once per outcome. */
export function outcomeFindings(outcome: BuildOutcome, ctx: ServiceContext, graph: KustomizeGraph = kustomizeGraph(ctx.workspace, undefined)): Map<string, Finding[]> {
  let out = byOutcome.get(outcome);
  if (!out) byOutcome.set(outcome, (out = mapOutcome(outcome, ctx, graph)));
  return out;
}

function mapOutcome(outcome: BuildOutcome, ctx: ServiceContext, graph: KustomizeGraph): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (file: string, item: Finding) => {
    let list = out.get(file);
    if (!list) out.set(file, (list = []));
    if (!list.some((f) => f.code === item.code && f.message === item.message && f.range.start.line === item.range.start.line)) list.push(item);
  };
  const rootPath = outcome.root;
  const kustomizations = graph.kustomizationsOf(rootPath);
  const root = kustomizations[0] ?? kustomizationFile(rootPath, ctx);
  if (!outcome.ok) {
    const code = outcome.error.code === 'missing' ? KUSTOMIZE_ENGINE_UNAVAILABLE : KUSTOMIZE_BUILD_RULE;
    add(rootPath, ruleFinding(code, FIRST_LINE, code === KUSTOMIZE_BUILD_RULE ? `The kustomization could not be built: ${outcome.error.message}` : outcome.error.message));
    return out;
  }
  if (outcome.error !== undefined) {
    const at = errorLocation(outcome.error, root ? (kustomizations.length ? kustomizations : [root]) : [], ctx);
    add(at?.file ?? rootPath, ruleFinding(KUSTOMIZE_BUILD_RULE, at?.range ?? FIRST_LINE, `kustomize build fails: ${outcome.error}`));
    return out;
  }
  const dir = path.dirname(rootPath);
  const yaml = outcome.yaml;
  const uri = `shipshape-kustomize-build:${pathToUri(dir).slice('file:'.length)}`;
  const kubernetesVersion = root?.file.kubernetesVersion ?? ctx.settings.kubernetes.version;
  // The root's lineage: documents of the build that did not change keep their parse and their findings.
  const built: SourceFile = { uri, path: '', version: 0, kind: 'kubernetes', kubernetesVersion, text: yaml, document: TextDocument.create(uri, 'yaml', 0, yaml), lineage: outcome.lineage };
  const documents = new BuiltDocuments(yaml);
  const sources = new Sources(ctx);
  const byPath = new Map(kustomizations.map((k) => [k.file.path, k]));
  const rootName = (file: string) => path.relative(path.dirname(file), rootPath) || rootPath;
  for (const item of validateManifest(built, ctx)) {
    const start = built.document.offsetAt(item.range.start);
    const { doc, offset } = documents.at(start);
    const where = doc ? describe(doc) : 'the built output';
    if (!doc) {
      add(rootPath, { ...item, range: FIRST_LINE, message: `${item.message} (in ${where}, built by this kustomization)` });
      continue;
    }
    const at = pathAt(doc, offset, offset + Math.max(0, built.document.offsetAt(item.range.end) - start - 1));
    const placed = place(doc, at, dir, byPath, sources);
    if (placed) {
      add(placed.file, { ...item, range: placed.range, message: `${item.message} (in ${where}, ${placed.by}built by ${rootName(placed.file)})` });
      continue;
    }
    const origin = originOf(doc);
    add(rootPath, { ...item, range: origin && root ? resourceEntry(root, origin) : FIRST_LINE, message: `${item.message} (in ${where}, ${origin ? `from ${origin}` : 'built by this kustomization'})` });
  }
  return out;
}

/** Where a finding at `at` of a built document goes: the last patch or transformer that set the field, else its resource. */
function place(doc: Document.Parsed, at: { path: YamlPath; onKey: boolean }, dir: string, byPath: Map<string, Kustomization>, sources: Sources): { file: string; range: Range; by: string } | undefined {
  const part = at.onKey ? 'key' : 'value';
  const origin = originOf(doc);
  const file = origin && path.resolve(dir, origin);
  const inResource = file ? sources.match(file, doc, at.path, false) : undefined;
  for (const step of transformationsOf(doc).reverse()) {
    const kustomization = byPath.get(path.resolve(dir, step.configuredIn));
    if (!kustomization) continue;
    if (step.kind === 'PatchTransformer') {
      for (const entry of kustomization.entries) {
        if (entry.role !== 'patch') continue;
        // A patch is blamed for a value it sets, or for a field the resource does not have: not for the
        // object around a missing field both have (a StatefulSet's spec without a selector).
        const inPatch = sources.match(entry.absolute, doc, at.path, true);
        if (inPatch?.present && (inPatch.leaf || !inResource?.present)) return { file: entry.absolute, range: inPatch.range(part), by: 'patched, ' };
      }
      continue;
    }
    const fields = TRANSFORMER_FIELDS[step.kind];
    if (!fields?.sets(at.path)) continue;
    for (const field of fields.fields) {
      const node = kustomization.yaml.get(field, true) as Node | undefined;
      const pair = isMap(kustomization.yaml.contents) ? kustomization.yaml.contents.items.find((p) => isScalar(p.key) && p.key.value === field) : undefined;
      const range = rangeOf(kustomization.file.document, (pair?.key as Node | undefined) ?? node);
      if (range) return { file: kustomization.file.path, range, by: `set by ${field}, ` };
    }
  }
  if (file && inResource) return { file, range: inResource.range(part), by: '' };
  const generated = generatorOf(doc);
  const kustomization = generated && byPath.get(path.resolve(dir, generated.configuredIn));
  if (generated && kustomization) {
    const field = generated.kind === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
    const seq = kustomization.yaml.get(field, true);
    const name = doc.getIn(['metadata', 'name']);
    const item = isSeq(seq) ? seq.items.find((i) => isMap(i) && typeof name === 'string' && name.includes(String(i.get('name')))) : undefined;
    const range = rangeOf(kustomization.file.document, (item as Node | undefined) ?? (seq as Node | undefined));
    if (range) return { file: kustomization.file.path, range, by: `generated by ${field}, ` };
  }
  return undefined;
}

const under = (p: YamlPath, ...prefix: string[]) => prefix.every((segment, i) => p[i] === segment);
const has = (p: YamlPath, ...names: string[]) => p.some((segment) => names.includes(String(segment)));

/** What each builtin transformer a kustomization configures sets, and the kustomization fields that configure it. */
const TRANSFORMER_FIELDS: Record<string, { fields: string[]; sets(p: YamlPath): boolean }> = {
  PrefixTransformer: { fields: ['namePrefix'], sets: (p) => under(p, 'metadata', 'name') },
  SuffixTransformer: { fields: ['nameSuffix'], sets: (p) => under(p, 'metadata', 'name') },
  NamespaceTransformer: { fields: ['namespace'], sets: (p) => under(p, 'metadata', 'namespace') },
  ReplicaCountTransformer: { fields: ['replicas'], sets: (p) => under(p, 'spec', 'replicas') },
  ImageTagTransformer: { fields: ['images'], sets: (p) => p[p.length - 1] === 'image' },
  LabelTransformer: { fields: ['labels', 'commonLabels'], sets: (p) => has(p, 'labels', 'matchLabels', 'selector') },
  AnnotationsTransformer: { fields: ['commonAnnotations'], sets: (p) => has(p, 'annotations') },
};

/**
 * Where a build error goes: the kustomization entry the error names (the last one it names: kustomize's
 * errors nest from the root inwards), a patch whose target it names, the unknown field it names, else the
 * root's first line.
 */
function errorLocation(error: string, kustomizations: readonly Kustomization[], ctx: ServiceContext): { file: string; range: Range } | undefined {
  const entryRange = (k: Kustomization, node: Node) => ({ file: k.file.path, range: rangeOf(k.file.document, node) ?? FIRST_LINE });
  let best: { at: number; k: Kustomization; node: Node } | undefined;
  for (const quoted of [false, true]) {
    for (const k of kustomizations) {
      for (const entry of k.entries) {
        const at = quoted ? Math.max(error.lastIndexOf(`'${entry.value}'`), error.lastIndexOf(`"${entry.value}"`)) : error.lastIndexOf(entry.absolute);
        if (at >= 0 && (!best || at > best.at)) best = { at, k, node: entry.node };
      }
    }
    if (best) return entryRange(best.k, best.node);
  }
  for (const id of error.matchAll(/\b([A-Z]\w*)\.v[\w.-]*\/([\w.-]+?)\.\[/g)) {
    for (const k of kustomizations) {
      for (const entry of k.entries) {
        if (entry.role !== 'patch') continue;
        const text = ctx.workspace.readFile(entry.absolute);
        const patch = text === undefined ? undefined : parseYaml(text).documents[0];
        if (patch?.get('kind') === id[1] && patch.getIn(['metadata', 'name']) === id[2]) return entryRange(k, entry.node);
      }
    }
  }
  const unknown = /unknown field "([^"]+)"/.exec(error);
  for (const k of unknown ? kustomizations : []) {
    const pair = isMap(k.yaml.contents) ? k.yaml.contents.items.find((p) => isScalar(p.key) && p.key.value === unknown![1]) : undefined;
    if (pair) return entryRange(k, pair.key as Node);
  }
  return undefined;
}

function kustomizationFile(filePath: string, ctx: ServiceContext): Kustomization | undefined {
  for (const file of ctx.workspace.files()) if (file.path === filePath) return kustomizationOf(file);
  return undefined;
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

/** The kustomization's text with origin and transformer annotations in buildMetadata, so each built document says where it came from. */
function withAnnotations(root: SourceFile): string {
  const doc = kustomizationOf(root)?.yaml;
  if (!doc) return root.text;
  const current = doc.toJS()?.buildMetadata;
  const list = Array.isArray(current) ? current.map(String) : [];
  if (ANNOTATIONS.every((name) => list.includes(name))) return root.text;
  const copy = doc.clone();
  copy.set('buildMetadata', [...new Set([...list, ...ANNOTATIONS])]);
  return copy.toString();
}

function originOf(doc: Document.Parsed): string | undefined {
  const origin = doc.getIn(['metadata', 'annotations', ORIGIN]);
  const match = typeof origin === 'string' ? /^path:\s*(.+)$/m.exec(origin) : null;
  return match?.[1].trim().replace(/^["']|["']$/g, '');
}

/** A generated document's generator (origin without a path: configuredIn and configuredBy). */
function generatorOf(doc: Document.Parsed): { configuredIn: string; kind: string } | undefined {
  const origin = doc.getIn(['metadata', 'annotations', ORIGIN]);
  return typeof origin === 'string' ? stepsOf(origin)[0] : undefined;
}

/** The transformers that changed a document, in the order they ran. */
function transformationsOf(doc: Document.Parsed): { configuredIn: string; kind: string }[] {
  const text = doc.getIn(['metadata', 'annotations', TRANSFORMATIONS]);
  return typeof text === 'string' ? stepsOf(text) : [];
}

function stepsOf(text: string): { configuredIn: string; kind: string }[] {
  const parsed = parseYaml(text).documents[0]?.toJS() as unknown;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const out: { configuredIn: string; kind: string }[] = [];
  for (const step of list as { configuredIn?: unknown; configuredBy?: { kind?: unknown } }[]) {
    if (typeof step?.configuredIn === 'string' && typeof step.configuredBy?.kind === 'string') out.push({ configuredIn: step.configuredIn, kind: step.configuredBy.kind });
  }
  return out;
}

function describe(doc: Document.Parsed): string {
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  return `${typeof kind === 'string' ? kind : 'document'}${typeof name === 'string' ? ` ${name}` : ''}`;
}

/**
 * The path of the deepest node holding the finding's whole range [from, to] (a finding on a list item covers
 * the item, not its first field), and whether the range is on that field's key. Ends are exclusive: a block
 * value's range runs to the start of the next key.
 */
function pathAt(doc: Document.Parsed, from: number, to: number): { path: YamlPath; onKey: boolean } {
  const out: (string | number)[] = [];
  let node: unknown = doc.contents;
  let onKey = false;
  const holds = (a: unknown, b: unknown) => {
    const start = offsetsOf(a as Node)?.[0];
    const end = offsetsOf((b ?? a) as Node)?.[1];
    return start !== undefined && end !== undefined && from >= start && (to < end || (to === from && from === start));
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && holds(p.key, p.value));
      if (!pair || !isScalar(pair.key)) return { path: out, onKey };
      out.push(String(pair.key.value));
      onKey = holds(pair.key, pair.key);
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => holds(item, item));
      if (index < 0) return { path: out, onKey };
      out.push(index);
      onKey = false;
      node = node.items[index];
    } else return { path: out, onKey };
  }
}

/** The kustomization's resources entry that names `origin` (or its first folder), else its first line. */
function resourceEntry(root: Kustomization, origin: string): Range {
  const first = origin.split('/').filter((part) => part !== '.')[0];
  const entry = root.entries.find((e) => e.role === 'resource' && (e.value === origin || e.value.replace(/\/$/, '') === first || origin.startsWith(`${e.value.replace(/\/$/, '')}/`)));
  return (entry && rangeOf(root.file.document, entry.node)) ?? FIRST_LINE;
}

/**
 * `at` of a built document as a path in `source`: a list item is found by its merge key (name) where it
 * has one, since a patch lists only the items it changes and may add items before others. The path stops
 * where the source has no such item.
 */
function sourcePath(built: Document.Parsed, source: Document.Parsed, at: YamlPath): YamlPath {
  const out: (string | number)[] = [];
  let b: unknown = built.contents;
  let s: unknown = source.contents;
  for (const segment of at) {
    if (typeof segment === 'number' && isSeq(b) && isSeq(s)) {
      const item = b.items[segment];
      const name = isMap(item) ? item.get('name') : undefined;
      const index = name === undefined ? (segment < s.items.length ? segment : -1) : s.items.findIndex((i) => isMap(i) && i.get('name') === name);
      if (index < 0) return out;
      out.push(index);
      b = item;
      s = s.items[index];
    } else if (typeof segment === 'string' && isMap(b) && isMap(s)) {
      out.push(segment);
      b = b.get(segment, true);
      s = s.get(segment, true);
    } else {
      out.push(segment);
      return out;
    }
  }
  return out;
}

/** Resource and patch files, parsed once per build, read through the workspace's guard. */
class Sources {
  private readonly files = new Map<string, { documents: Document.Parsed[]; document: TextDocument } | null>();

  constructor(private readonly ctx: ServiceContext) {}

  /**
   * `at` of a built document in the document of `file` with its kind (and name when it has one): whether
   * that document has the whole path, whether it ends on a scalar there, and its range (the field where
   * the source has it, else the deepest part of its path there: a patch may have added the rest).
   * `named`: only a document with the built name (a patch names its target; a resource may be renamed).
   */
  match(file: string, built: Document.Parsed, at: YamlPath, named: boolean): { present: boolean; leaf: boolean; range(part: 'key' | 'value'): Range } | undefined {
    let parsed = this.files.get(file);
    if (parsed === undefined) {
      const text = this.ctx.workspace.readFile(file);
      parsed = text === undefined ? null : { documents: parseYaml(text).documents, document: TextDocument.create(pathToUri(file), 'yaml', 0, text) };
      this.files.set(file, parsed);
    }
    if (!parsed) return undefined;
    const { document } = parsed;
    const kind = built.get('kind');
    const name = built.getIn(['metadata', 'name']);
    const candidates = parsed.documents.filter((d) => d.get('kind') === kind);
    // A namePrefix/Suffix changes the built name: the source name is inside it.
    const byName =
      candidates.find((d) => d.getIn(['metadata', 'name']) === name) ?? candidates.find((d) => typeof name === 'string' && String(d.getIn(['metadata', 'name'])).length > 0 && name.includes(String(d.getIn(['metadata', 'name']))));
    const source = byName ?? (named ? undefined : candidates[0]);
    if (!source) return undefined;
    const mapped = sourcePath(built, source, at);
    const node = mapped.length === at.length ? lookup(source, mapped).value : undefined;
    const present = node !== undefined && node !== null;
    return { present, leaf: present && isScalar(node), range: (part) => rangeOfPath(document, source, mapped, present ? part : 'key') };
  }
}
