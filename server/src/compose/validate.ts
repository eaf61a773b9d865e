import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { yamlSyntaxFindings } from '../yaml/parse';
import { analyze } from './analysis';
import { COMPOSE_RULES } from './rules';

/** YAML syntax first; the Compose rules run when the YAML is readable (duplicate keys do not stop them). */
export function validateCompose(file: SourceFile, ctx: ServiceContext): Finding[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const findings = yamlSyntaxFindings(file.document, compose.yaml);
  if (findings.some((f) => f.code === 'YamlSyntax')) return findings;
  const ruleContext = { compose, project, workspace: ctx.workspace, settings: ctx.settings };
  for (const rule of COMPOSE_RULES) findings.push(...rule.check(ruleContext));
  return findings;
}
