/**
 * BuildKit's `# check=skip=A,B;error=true;experimental=C` directive (linter.ParseLintOptions), at the top
 * of the file, and the same text in the comments right above an instruction, which BuildKit merges in
 * for that instruction (WithMergedConfigFromComments).
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding } from '../core/diagnostics';
import { ruleFinding } from '../core/rule';
import type { DockerfileModel } from './model';
import type { DockerfileRule } from './rule';
import { syntaxRule } from './rules/syntax';
import type { Instruction } from './syntax/parse';

export interface CheckConfig {
  skipAll: boolean;
  skip: Set<string>;
  experimentalAll: boolean;
  experimental: Set<string>;
  error: boolean;
}

export const EMPTY_CONFIG: CheckConfig = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };

export function parseCheckOptions(value: string): CheckConfig | string {
  const text = value.split(' ')[0].trim();
  const config: CheckConfig = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };
  if (!text) return config;
  // Go's strings.SplitN(s, ";", 3): at most three parts, the third keeps any further `;`.
  const raw = text.split(';');
  const parts = raw.length > 3 ? [raw[0], raw[1], raw.slice(2).join(';')] : raw;
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return `invalid check option ${JSON.stringify(part)}`;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') config.skipAll = true;
      else for (const r of v.split(',')) config.skip.add(r.trim());
    } else if (key === 'experimental') {
      if (v === 'all') config.experimentalAll = true;
      else for (const r of v.split(',')) config.experimental.add(r.trim());
    } else if (key === 'error') {
      const b = parseGoBool(v);
      if (b === null) return `failed to parse check option ${JSON.stringify(part)}: invalid syntax`;
      config.error = b;
    } else {
      return `invalid check option ${JSON.stringify(key)}`;
    }
  }
  return config;
}

function parseGoBool(v: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return null;
}

function merge(base: CheckConfig, other: CheckConfig): CheckConfig {
  return {
    skipAll: base.skipAll || other.skipAll,
    skip: new Set([...base.skip, ...other.skip]),
    experimentalAll: base.experimentalAll || other.experimentalAll,
    experimental: new Set([...base.experimental, ...other.experimental]),
    error: base.error,
  };
}

/** The config in force for an instruction: file directive plus a `check=` comment above it. */
function commentConfig(instruction: Instruction): CheckConfig | null {
  for (const comment of instruction.comments) {
    const m = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(comment);
    if (m?.[1].toLowerCase() !== 'check') continue;
    const parsed = parseCheckOptions(m[2]);
    return typeof parsed === 'string' ? null : parsed;
  }
  return null;
}

/**
 * Drops BuildKit findings the directives skip, keeps experimental ones only when enabled, raises them to
 * errors under error=true, and reports a malformed directive as BuildKit does (the build fails).
 */
export function applyCheckDirectives(model: DockerfileModel, findings: Finding[], buildkitRules: Map<string, DockerfileRule>): Finding[] {
  const directive = model.ast.directives.find((d) => d.name === 'check');
  let config = EMPTY_CONFIG;
  const out: Finding[] = [];
  if (directive) {
    const parsed = parseCheckOptions(directive.value);
    if (typeof parsed === 'string') {
      const range = { start: model.positionAt(directive.valueSpan.start), end: model.positionAt(directive.valueSpan.end) };
      out.push(ruleFinding(syntaxRule, range, `failed to parse check options: ${parsed}`));
    } else {
      config = parsed;
    }
  }
  const byLine = new Map<number, Instruction>();
  for (const ins of model.ast.instructions) for (let l = ins.startLine; l <= ins.endLine; l++) byLine.set(l, ins);
  const fromLines = new Set(model.stages.map((s) => s.from.startLine));
  for (const item of findings) {
    const rule = buildkitRules.get(item.code);
    if (!rule) {
      out.push(item);
      continue;
    }
    // Which instruction's `# check=` comments BuildKit merges in for this finding, if any.
    let line = (item.data as { directiveLine?: number } | undefined)?.directiveLine ?? item.range.start.line;
    if (rule.appliesTo === 'file') line = -1;
    // A dispatch check on a FROM line comes from an ONBUILD trigger of the base stage: no comments.
    else if (rule.appliesTo === 'dispatched' && fromLines.has(item.range.start.line) && byLine.get(item.range.start.line)?.name === 'from') line = -1;
    const ins = line >= 0 ? byLine.get(line) : undefined;
    const local = ins && commentConfig(ins);
    const effective = local ? merge(config, local) : config;
    if (rule.experimental) {
      if (!effective.experimentalAll && !effective.experimental.has(item.code)) continue;
    } else if (effective.skipAll || effective.skip.has(item.code)) {
      continue;
    }
    out.push(effective.error ? { ...item, severity: DiagnosticSeverity.Error } : item);
  }
  return out;
}
