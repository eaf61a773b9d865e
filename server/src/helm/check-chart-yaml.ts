import * as path from 'node:path';
import type { Finding } from '../core/diagnostics';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import type { YamlFile } from '../yaml/parse';
import type { HelmRuleContext } from './rule';
import { CHART_YAML_RULES } from './rules';

/** The Chart.yaml rules on a parsed Chart.yaml (its first document, the one Helm reads). */
export function checkChartYaml(file: SourceFile, yaml: YamlFile, workspace: Workspace): Finding[] {
  const doc = yaml.documents[0];
  // Not YAML: the parser's findings say so, and Helm's load error.
  if (!doc || doc.errors.length) return [];
  const value: unknown = doc.toJS();
  const chart = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const findings: Finding[] = [];
  for (const rule of CHART_YAML_RULES) {
    const ctx: HelmRuleContext = { file, doc, chart, folder: path.dirname(file.path), workspace, report: (range, message) => findings.push(ruleFinding(rule, range, message)) };
    rule.check(ctx);
  }
  return findings;
}
