import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { severityName, toLspSeverity, type Finding, type RuleInfo } from '../core/diagnostics';
import type { FileKind } from '../core/kinds';
import { ruleDocUrl } from '../core/rule-docs';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintReport {
  /** kind 'unread' for a file the read guard refused (a FIFO, a device, a symlink out of the tree). */
  files: { path: string; kind: FileKind | 'unread'; diagnostics: Finding[] }[];
  rules: readonly RuleInfo[];
}

export function formatReport(report: LintReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJson(report), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(report), null, 2) + '\n';
    default:
      return toText(report);
  }
}

/** JSON report, version 1: every file examined, 0-based LSP positions. */
export function toJson(report: LintReport) {
  return {
    version: 1,
    files: report.files.map((file) => ({
      path: file.path,
      kind: file.kind,
      diagnostics: file.diagnostics.map((d) => ({
        range: d.range,
        severity: severityName(d.severity),
        code: d.code,
        source: d.source ?? 'shipshape',
        message: d.message,
      })),
    })),
  };
}

function toText(report: LintReport): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const severity = severityName(d.severity);
      counts[severity]++;
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${d.code}: ${d.message}`);
    }
  }
  lines.push(`${count(report.files.length, 'file')} checked: ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}, ${count(counts.information + counts.hint, 'note')}`);
  return lines.join('\n') + '\n';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const SARIF_LEVEL: Record<DiagnosticSeverity, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/** SARIF 2.1.0, as GitHub code scanning reads it: 1-based regions, paths relative to the working folder. */
export function toSarif(report: LintReport) {
  const cwd = process.cwd();
  const known = new Map(report.rules.map((rule) => [rule.id, rule]));
  const used = new Set(report.files.flatMap((file) => file.diagnostics.map((d) => d.code)));
  const rules = [...used].sort().map((id) => {
    const rule = known.get(id);
    return {
      id,
      shortDescription: { text: rule?.doc ?? id },
      ...(rule ? { helpUri: ruleDocUrl(rule) } : {}),
      defaultConfiguration: { level: rule ? SARIF_LEVEL[toLspSeverity(rule.severity)] : 'warning' },
    };
  });
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'shipshape', informationUri: 'https://github.com/shipshape-dev/shipshape', rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileUrl(cwd) + '/' } },
        results: report.files.flatMap((file) =>
          file.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code),
            level: SARIF_LEVEL[d.severity ?? DiagnosticSeverity.Error],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toPosix(path.relative(cwd, path.resolve(file.path))), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function pathToFileUrl(p: string): string {
  return 'file://' + toPosix(p).split('/').map(encodeURIComponent).join('/');
}
