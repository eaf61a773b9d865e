import type { Range } from 'vscode-languageserver-types';
import { finding, type Finding, type RuleInfo, type Severity } from '../../core/diagnostics';
import type { Workspace } from '../../core/workspace';
import { rangeOfPath, type YamlPath } from '../../yaml/parse';
import type { KubernetesCluster } from '../cluster-schemas';
import type { CrdIndex } from '../crd/index';
import type { ManifestDocument } from '../model/documents';
import type { DeclaredObject } from '../model/objects';
import type { KubernetesSchemas } from '../schema/store';

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
  /** Target minor version, e.g. "1.36". */
  version: string;
  schemas: KubernetesSchemas;
  crds: CrdIndex;
  /** The connected cluster (its custom kinds are in crds), absent offline. */
  cluster?: KubernetesCluster;
  report(path: YamlPath, message: string, options?: ReportOptions): void;
}

/** One rule, one file: its RuleInfo plus check(). Rules that need other files implement checkWorkspace. */
export interface KubeRule extends RuleInfo {
  check(ctx: KubeRuleContext): void;
}

export interface WorkspaceRuleContext extends KubeRuleContext {
  workspace: Workspace;
  fileUri: string;
  /** Every object declared in the workspace, collected once per validation of a file. */
  objects: readonly DeclaredObject[];
}

export interface KubeWorkspaceRule extends RuleInfo {
  checkWorkspace(ctx: WorkspaceRuleContext): void;
}

/** Builds a report function that collects document-local findings for one rule. */
export function reporter(doc: ManifestDocument, out: Finding[], code: string, severity: Severity) {
  return (path: YamlPath, message: string, options: ReportOptions = {}): void => {
    const range = options.range ?? rangeOfPath(doc.local, doc.yaml, path, options.part ?? 'value');
    out.push(finding(code, severity, range, message, options.data));
  };
}

/** Dotted field path as the API server prints it: spec.template.spec.containers[0].name */
export function fieldPath(path: YamlPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}
