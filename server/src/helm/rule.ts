import type { Range } from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import type { Rule } from '../core/rule';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { rangeOfPath, type YamlPath } from '../yaml/parse';
import type { ValuesKey } from './templates/values';

/** What a Helm rule sees: the file it checks (Chart.yaml, or a values.yaml for 'values'), parsed, and the chart folder. */
export interface HelmRuleContext {
  file: SourceFile;
  doc: Document.Parsed;
  /** The file's plain value (undefined when it is not a mapping). */
  chart: Record<string, unknown> | undefined;
  /** The chart folder (Chart.yaml's). */
  folder: string;
  workspace: Workspace;
  /** For 'values': the keys of values.yaml no template of the chart tree reads; undefined when that cannot be told. */
  unread?: readonly ValuesKey[];
  report(range: Range, message: string): void;
}

/** What a Helm rule looks at: 'chart-yaml', the chart's Chart.yaml; 'values', a chart's values.yaml. */
export type HelmScope = 'chart-yaml' | 'values';

/** The rule contract (core/rule.ts) for Helm charts. */
export type HelmRule = Rule<HelmRuleContext, HelmScope>;

/** The range of a path of Chart.yaml: the value, or the key with part 'key'. */
export function chartRange(ctx: HelmRuleContext, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  return rangeOfPath(ctx.file.document, ctx.doc, path, part);
}
