import type { Range } from 'vscode-languageserver-types';
import type { Finding, RuleInfo } from '../core/diagnostics';
import { ruleFinding, type Rule } from '../core/rule';
import { rangeOf, rangeOfPath, type YamlPath } from '../yaml/parse';
import type { KubernetesCluster } from './cluster-schemas';
import type { CrdIndex } from './crd/index';
import type { ManifestDocument } from './model/documents';
import type { ObjectIndex } from './model/object-index';
import type { KubernetesSchemas } from './schema/store';

export interface ReportOptions {
  part?: 'key' | 'value';
  data?: unknown;
  /** Report at this (document-local) range instead of the path's. */
  range?: Range;
}

/** What a rule sees: one document, its plain value, the schemas of the target version. */
export interface KubeRuleContext {
  doc: ManifestDocument;
  value: Record<string, unknown>;
  apiVersion: string;
  kind: string;
  /** Bundled schema version validated against, e.g. "1.36" (the nearest bundled one to the target). */
  version: string;
  /** The version the file targets ("1.30" for an older cluster): removals are judged against it. */
  requested: string;
  /** Whether a schema knows this apiVersion/kind (built in, or a CRD's): false only for rules of every object. */
  resolved: boolean;
  schemas: KubernetesSchemas;
  crds: CrdIndex;
  /** The connected cluster (its custom kinds are in crds), absent offline. */
  cluster?: KubernetesCluster;
  /** Records a finding of this rule at a path of the document (or at options.range). */
  report(path: YamlPath, message: string, options?: ReportOptions): void;
}

/**
 * What a Kubernetes rule applies to; engine.ts runs it on exactly these objects.
 * - objects 'built-in': objects of built-in kinds (the API server's own validation of them);
 *   'with-schema': also custom resources, of a kind a CRD defines (their metadata is validated the same);
 *   'every': every object with an apiVersion and a kind, even one no schema knows and even when the
 *   document has YAML syntax errors (the apiVersion checks).
 * - kinds: only objects of these kinds; every kind when absent.
 */
export interface KubeScope {
  objects: 'built-in' | 'with-schema' | 'every';
  kinds?: readonly string[];
}

/** A rule of one object alone: its findings are cached with the document until the document changes. */
export type KubeRule = Rule<KubeRuleContext, KubeScope & { workspace?: false }>;

export interface WorkspaceRuleContext extends KubeRuleContext {
  /**
   * What every manifest of the workspace declares (this file's included). It is all a workspace rule reads
   * beyond its document: engine.ts keeps its findings per document until the document or this index changes.
   */
  declared: ObjectIndex;
}

/**
 * A rule that reads other files of the workspace (through ctx.declared only), over each document (a List's
 * items are not searched).
 */
export type KubeWorkspaceRule = Rule<WorkspaceRuleContext, KubeScope & { workspace: true }>;

/** The rule contract (core/rule.ts) for Kubernetes manifests. */
export type KubernetesRule = KubeRule | KubeWorkspaceRule;

export function isWorkspaceRule(rule: KubernetesRule): rule is KubeWorkspaceRule {
  return rule.appliesTo.workspace === true;
}

/** Whether a rule applies to an object of this kind, built in (else a custom resource). */
export function appliesTo(rule: KubernetesRule, kind: string, builtIn: boolean): boolean {
  const { objects, kinds } = rule.appliesTo;
  return (objects !== 'built-in' || builtIn) && (!kinds || kinds.includes(kind));
}

/** Builds a report function that collects document-local findings for one rule. */
export function reporter(doc: ManifestDocument, out: Finding[], rule: RuleInfo) {
  return (path: YamlPath, message: string, options: ReportOptions = {}): void => {
    const range = options.range ?? rangeOfPath(doc.local, doc.yaml, path, options.part ?? 'value');
    out.push(ruleFinding(rule, range, message, options.data));
  };
}

/** The value of the document's apiVersion (the whole document when there is none): where apiVersion findings go. */
export function rangeOfApiVersion(doc: ManifestDocument): Range {
  const node = doc.yaml.contents as { items?: { key: unknown; value: unknown }[] } | null;
  const pair = node?.items?.find((p) => (p.key as { value?: unknown })?.value === 'apiVersion');
  return rangeOf(doc.local, (pair?.value ?? doc.yaml.contents) as never) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
}

/** Dotted field path as the API server prints it: spec.template.spec.containers[0].name */
export function fieldPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}
