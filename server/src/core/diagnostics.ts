import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { RuleLevel } from './settings';

export const SOURCE = 'shipshape';

/** What a rule reports: a diagnostic whose code is always set. The server adds `source`. */
export interface Finding extends Diagnostic {
  code: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Documentation of a rule, for listings, hover and the README. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  doc: string;
  /** Its documentation page when someone else's (BuildKit's checks); else docs/RULES.md documents it. */
  url?: string;
}

const TO_LSP: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return TO_LSP[severity];
}

export function finding(code: string, severity: Severity, range: Range, message: string, data?: unknown): Finding {
  const result: Finding = { code, severity: TO_LSP[severity], range, message, source: SOURCE };
  if (data !== undefined) result.data = data;
  return result;
}

/** Applies `shipshape.rules.CODE` overrides; `off` removes the finding. */
export function applyRuleLevels(findings: readonly Finding[], levels: Record<string, RuleLevel>): Finding[] {
  const out: Finding[] = [];
  for (const item of findings) {
    const level = levels[item.code];
    if (level === 'off') continue;
    out.push(level ? { ...item, severity: TO_LSP[level === 'info' ? 'info' : level] } : item);
  }
  return out;
}

export function severityName(severity: DiagnosticSeverity | undefined): 'error' | 'warning' | 'information' | 'hint' {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}
