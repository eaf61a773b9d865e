import type { Range } from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import type { Rule } from '../core/rule';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { rangeOfPath, type YamlPath } from '../yaml/parse';

/** What a Helm rule sees: the chart's Chart.yaml, parsed, and the chart folder it describes. */
export interface HelmRuleContext {
  file: SourceFile;
  doc: Document.Parsed;
  /** Chart.yaml's plain value (undefined when it is not a mapping). */
  chart: Record<string, unknown> | undefined;
  /** The chart folder (Chart.yaml's). */
  folder: string;
  workspace: Workspace;
  report(range: Range, message: string): void;
}

/** What a Helm rule looks at: 'chart-yaml', the chart's Chart.yaml. */
export type HelmScope = 'chart-yaml';

/** The rule contract (core/rule.ts) for Helm charts. */
export type HelmRule = Rule<HelmRuleContext, HelmScope>;

/** The range of a path of Chart.yaml: the value, or the key with part 'key'. */
export function chartRange(ctx: HelmRuleContext, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  return rangeOfPath(ctx.file.document, ctx.doc, path, part);
}
