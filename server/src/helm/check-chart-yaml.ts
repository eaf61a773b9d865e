import * as path from 'node:path';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import type { YamlFile } from '../yaml/parse';
import type { HelmRule, HelmRuleContext } from './rule';
import { CHART_YAML_RULES, VALUES_RULES } from './rules';
import { chartModel } from './templates/model';
import { unreadValues } from './templates/usage';

/** The Chart.yaml rules on a parsed Chart.yaml (its first document, the one Helm reads). */
export function checkChartYaml(file: SourceFile, yaml: YamlFile, workspace: Workspace): Finding[] {
  return run(CHART_YAML_RULES, file, yaml, workspace);
}

/** The values rules on a chart's values.yaml, with what the chart's templates read. */
export function checkValues(file: SourceFile, yaml: YamlFile, ctx: ServiceContext): Finding[] {
  if (path.basename(file.path) !== 'values.yaml') return [];
  const model = chartModel(file.path, ctx);
  const unread = model ? unreadValues(file.path, model, ctx) : undefined;
  return run(VALUES_RULES, file, yaml, ctx.workspace, unread);
}

function run(rules: readonly HelmRule[], file: SourceFile, yaml: YamlFile, workspace: Workspace, unread?: HelmRuleContext['unread']): Finding[] {
  const doc = yaml.documents[0];
  // Not YAML: the parser's findings say so, and Helm's load error.
  if (!doc || doc.errors.length) return [];
  const value: unknown = doc.toJS();
  const chart = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const findings: Finding[] = [];
  for (const rule of rules) {
    const ctx: HelmRuleContext = { file, doc, chart, folder: path.dirname(file.path), workspace, unread, report: (range, message) => findings.push(ruleFinding(rule, range, message)) };
    rule.check(ctx);
  }
  return findings;
}
