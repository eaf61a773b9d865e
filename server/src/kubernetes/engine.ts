import { checkBudget } from '../core/budget';
import type { Document } from 'yaml';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { isPatchFile } from '../kustomize/patches';
import { rangeOf, yamlSyntaxFindings } from '../yaml/parse';
import { kubernetesCluster, type KubernetesCluster } from './cluster-schemas';
import { crdIndexOf, type CrdIndex } from './crd/index';
import { documentsOf, type ManifestDocument } from './model/documents';
import { listItems } from './model/list-items';
import { workspaceIndex, type ObjectIndex } from './model/object-index';
import { appliesTo, isWorkspaceRule, reporter, type KubeRule, type KubeRuleContext, type KubeWorkspaceRule, type WorkspaceRuleContext } from './rule';
import { KUBE_RULES } from './rules';
import { decodeOnlyPath } from './validation/pod-template';
import { requiredFieldRule, validateSchema } from './schema/validate';
import { schemasFor, schemaVersionFor, type KubernetesSchemas, type SchemaNode } from './schema/store';

/** The rules by when they run (what they apply to): of every object, of objects with a schema, across files. */
const EVERY_OBJECT: KubeRule[] = [];
const WITH_SCHEMA: KubeRule[] = [];
const ACROSS_FILES: KubeWorkspaceRule[] = [];
for (const rule of KUBE_RULES) {
  if (isWorkspaceRule(rule)) ACROSS_FILES.push(rule);
  else (rule.appliesTo.objects === 'every' ? EVERY_OBJECT : WITH_SCHEMA).push(rule);
}
/** Kinds some cross-file rule looks at: other documents skip collecting the workspace's objects. */
const ACROSS_FILES_KINDS = new Set(ACROSS_FILES.flatMap((rule) => rule.appliesTo.kinds ?? []));
const everyKindAcrossFiles = ACROSS_FILES.some((rule) => !rule.appliesTo.kinds);

/**
 * Findings of a parsed document for the target they were made for, and its cross-file findings for the
 * workspace index they were made against. Unchanged documents keep their parsed tree (model/documents.ts
 * reuses it), so an edit re-validates only its document; the entry goes when the tree does.
 */
const documentFindings = new WeakMap<Document.Parsed, { target: string; findings: Finding[]; declared?: ObjectIndex; across?: Finding[] }>();

export interface ValidationTarget {
  /** Bundled schema version used (the nearest bundled one when the target is not bundled). */
  version: string;
  /** The version the file targets ("1.30" for an older cluster): removals are judged against it. */
  requested: string;
  schemas: KubernetesSchemas;
  crds: CrdIndex;
  /** The connected cluster, from ctx.cluster; its identity is part of crds.generation. */
  cluster?: KubernetesCluster;
}

export function targetOf(file: SourceFile, ctx: ServiceContext): ValidationTarget {
  const version = schemaVersionFor(file.kubernetesVersion);
  const requested = /^\d+\.\d+/.exec(file.kubernetesVersion)?.[0] ?? version;
  const cluster = kubernetesCluster(ctx.cluster);
  return { version, requested, schemas: schemasFor(version), crds: crdIndexOf(withFile(file, ctx.workspace.files()), cluster, ctx.workspace.revisionFor?.(file)), cluster };
}

function* withFile(file: SourceFile, files: Iterable<SourceFile>): Iterable<SourceFile> {
  yield file;
  for (const other of files) if (other.uri !== file.uri) yield other;
}

/** Validates every document of a manifest file; unchanged documents come from the cache. */
export function validateManifest(file: SourceFile, ctx: ServiceContext): Finding[] {
  if (isPatchFile(file, ctx.workspace)) return patchFindings(file);
  const target = targetOf(file, ctx);
  const findings: Finding[] = [];
  const declared = workspaceIndex(file, objectFiles(ctx), ctx.workspace.revisionFor?.(file));
  const targetKey = `${target.version}\u0000${target.requested}\u0000${target.crds.generation}`;
  for (const doc of documentsOf(file)) {
    checkBudget();
    let cached = documentFindings.get(doc.yaml);
    if (cached?.target !== targetKey) {
      cached = { target: targetKey, findings: validateDocument(doc, target) };
      documentFindings.set(doc.yaml, cached);
    }
    if (cached.declared !== declared) {
      cached.across = validateAcrossFiles(doc, target, declared);
      cached.declared = declared;
    }
    const local = cached.findings;
    const across = cached.across!;
    for (const item of local.length || across.length ? [...local, ...across] : []) findings.push(shift(item, doc.startLine));
  }
  return findings;
}

/** The workspace's files that declare objects: a kustomization's patch is not one (its target is declared where it is). */
function* objectFiles(ctx: ServiceContext): Iterable<SourceFile> {
  for (const file of ctx.workspace.files()) if (file.kind !== 'kubernetes' || !isPatchFile(file, ctx.workspace)) yield file;
}

/**
 * A kustomization's patch is a fragment of its target, merged by kustomize: only its YAML is checked here,
 * since whole-object checks (required fields, selectors, images) would be false on it.
 */
function patchFindings(file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  for (const doc of documentsOf(file)) for (const item of yamlSyntaxFindings(doc.local, { documents: [doc.yaml] })) findings.push(shift(item, doc.startLine));
  return findings;
}

function shift(item: Finding, lines: number): Finding {
  if (lines === 0) return item;
  return {
    ...item,
    range: {
      start: { line: item.range.start.line + lines, character: item.range.start.character },
      end: { line: item.range.end.line + lines, character: item.range.end.character },
    },
  };
}

export interface ResolvedKind {
  root: SchemaNode;
  builtIn: boolean;
}

/** The schema of a document's apiVersion/kind: built-in for the target version, else a CRD. */
export function resolveKind(target: ValidationTarget, apiVersion: string, kind: string): ResolvedKind | undefined {
  const definition = target.schemas.kindDefinition(apiVersion, kind);
  if (definition) return { root: { $: definition }, builtIn: true };
  const crd = target.crds.get(apiVersion, kind);
  if (crd) return { root: crd.schema, builtIn: false };
  return undefined;
}

function ruleContext(doc: ManifestDocument, target: ValidationTarget, resolved: boolean): KubeRuleContext {
  return {
    doc,
    value: doc.value ?? {},
    apiVersion: doc.apiVersion ?? '',
    kind: doc.kind ?? '',
    version: target.version,
    requested: target.requested,
    resolved,
    schemas: target.schemas,
    crds: target.crds,
    cluster: target.cluster,
    report: () => undefined,
  };
}

/** Runs the rules that apply to this object on one context, its reporter swapped per rule (rules report synchronously). */
function runRules(rules: readonly KubeRule[], ctx: KubeRuleContext, builtIn: boolean, out: Finding[]): void {
  for (const rule of rules) {
    if (!appliesTo(rule, ctx.kind, builtIn)) continue;
    ctx.report = reporter(ctx.doc, out, rule);
    rule.check(ctx);
  }
}

/** Everything knowable from one document alone: YAML syntax, schema, API-server rules. Ranges are document-local. */
export function validateDocument(doc: ManifestDocument, target: ValidationTarget): Finding[] {
  const out = yamlSyntaxFindings(doc.local, { documents: [doc.yaml] });
  if (!doc.value) return out;
  const hasSyntaxErrors = out.some((f) => f.code === 'YamlSyntax');
  // A List that is no known kind: kubectl creates its items one by one.
  const items = doc.apiVersion && doc.kind && !resolveKind(target, doc.apiVersion, doc.kind) ? listItems(doc) : undefined;
  if (items) {
    for (const item of items) out.push(...validateObject(item, target, hasSyntaxErrors));
    return out;
  }
  out.push(...validateObject(doc, target, hasSyntaxErrors));
  return out;
}

/** apiVersion/kind, schema and rules of one object: a document, or an item of a List. */
function validateObject(doc: ManifestDocument, target: ValidationTarget, hasSyntaxErrors: boolean): Finding[] {
  const out: Finding[] = [];
  if (!doc.apiVersion || !doc.kind) {
    const missing = !doc.apiVersion ? 'apiVersion' : 'kind';
    const range = rangeOf(doc.local, doc.yaml.contents as never) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const firstLine = { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } };
    out.push(ruleFinding(requiredFieldRule, firstLine, missing === 'kind' ? "Object 'Kind' is missing" : `${missing}: Required value: every Kubernetes object needs apiVersion and kind`, { insert: missing, path: [] }));
    return out;
  }
  const resolved = resolveKind(target, doc.apiVersion, doc.kind);
  const ctx = ruleContext(doc, target, resolved !== undefined);
  runRules(EVERY_OBJECT, ctx, resolved?.builtIn ?? false, out);
  if (!resolved || hasSyntaxErrors) return out;
  const resolve = (name: string) => target.schemas.definition(name);
  out.push(...validateSchema(doc, resolved.root, resolve, [], decodeOnlyPath(doc.kind, target.version)));
  runRules(WITH_SCHEMA, ctx, resolved.builtIn, out);
  return out;
}

/** The workspace rules' findings on one document (document-local ranges). */
function validateAcrossFiles(doc: ManifestDocument, target: ValidationTarget, declared: ObjectIndex): Finding[] {
  if (!doc.value || !doc.kind || !(everyKindAcrossFiles || ACROSS_FILES_KINDS.has(doc.kind))) return [];
  const out: Finding[] = [];
  const resolved = doc.apiVersion ? resolveKind(target, doc.apiVersion, doc.kind) : undefined;
  // One context per document, its reporter swapped per rule (rules report synchronously).
  const ruleCtx: WorkspaceRuleContext = { ...ruleContext(doc, target, resolved !== undefined), declared };
  for (const rule of ACROSS_FILES) {
    if (!appliesTo(rule, doc.kind, resolved?.builtIn ?? false)) continue;
    ruleCtx.report = reporter(doc, out, rule);
    rule.check(ruleCtx);
  }
  return out;
}
