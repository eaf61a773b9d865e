import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { yamlSyntaxFindings } from '../yaml/parse';
import { analyze } from './analysis';
import { COMPOSE_RULES } from './rules';

/** YAML syntax first; the Compose rules run when the YAML is readable (duplicate keys do not stop them). */
export function validateCompose(file: SourceFile, ctx: ServiceContext): Finding[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const findings = yamlSyntaxFindings(file.document, compose.yaml).map((f) => (f.code === 'YamlDuplicateKey' ? widenToKey(file, f) : f));
  if (findings.some((f) => f.code === 'YamlSyntax')) return findings;
  const ruleContext = { compose, project, workspace: ctx.workspace, settings: ctx.settings };
  for (const rule of COMPOSE_RULES) findings.push(...rule.check(ruleContext));
  return findings;
}

/** The parser points at the first character of a repeated key; the whole key reads better. */
function widenToKey(file: SourceFile, f: Finding): Finding {
  const start = file.document.offsetAt(f.range.start);
  const key = /^(?:"[^"]*"|'[^']*'|[^\s:#]+)/.exec(file.text.slice(start));
  return key ? { ...f, range: { start: f.range.start, end: file.document.positionAt(start + key[0].length) } } : f;
}
