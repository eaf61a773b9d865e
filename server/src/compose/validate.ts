import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lookup, offsetsOf, yamlSyntaxFindings } from '../yaml/parse';
import type { ComposeDocument } from './document';
import { servicesOf } from './rule';
import { activeProfiles, isEnabled, profilesOf } from './rules/disabled-dependency';
import { analyze } from './analysis';
import { COMPOSE_RULES } from './rules';

/** YAML syntax first; the Compose rules run when the YAML is readable (duplicate keys do not stop them). */
export function validateCompose(file: SourceFile, ctx: ServiceContext): Finding[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const findings = yamlSyntaxFindings(file.document, compose.yaml).map((f) => (f.code === 'YamlDuplicateKey' ? widenToKey(file, f) : f));
  if (findings.some((f) => f.code === 'YamlSyntax')) return findings;
  const ruleContext = { compose, project, workspace: ctx.workspace, settings: ctx.settings };
  for (const rule of COMPOSE_RULES) findings.push(...rule.check(ruleContext));
  return softenInDisabledServices(file, compose, findings);
}

// compose-go checks these only for the services that profiles enable (its consistency pass runs after them).
const CONSISTENCY = new Set(['UndefinedService', 'UndefinedVolume', 'UndefinedNetwork', 'UndefinedSecret', 'UndefinedConfig', 'UndefinedModel',
  'MissingImageOrBuild', 'ConflictingAttributes', 'DependencyCycle', 'DependsOnDisabledService', 'EnvFileNotFound', 'InvalidHealthcheckTest']);

/**
 * In a service disabled by profiles, consistency errors become warnings: docker compose accepts the file
 * until the profile is switched on, and then they are errors.
 */
function softenInDisabledServices(file: SourceFile, compose: ComposeDocument, findings: Finding[]): Finding[] {
  const active = activeProfiles(compose.env.lookup);
  const disabled: { name: string; profiles: string[]; start: number; end: number }[] = [];
  for (const [name, def] of servicesOf(compose)) {
    if (isEnabled(def, active) || !compose.doc) continue;
    const offsets = offsetsOf(lookup(compose.doc, ['services', name]).pair);
    if (offsets) disabled.push({ name, profiles: profilesOf(def), start: offsets[0], end: offsets[1] });
  }
  if (!disabled.length) return findings;
  return findings.map((f) => {
    if (f.severity !== DiagnosticSeverity.Error || !CONSISTENCY.has(f.code)) return f;
    const offset = file.document.offsetAt(f.range.start);
    const service = disabled.find((d) => offset >= d.start && offset <= d.end);
    if (!service) return f;
    return { ...f, severity: DiagnosticSeverity.Warning, message: `${f.message} (Service "${service.name}" is disabled until a profile of ${service.profiles.join(', ')} is active; then this is an error.)` };
  });
}

/** The parser points at the first character of a repeated key; the whole key reads better. */
function widenToKey(file: SourceFile, f: Finding): Finding {
  const start = file.document.offsetAt(f.range.start);
  const key = /^(?:"[^"]*"|'[^']*'|[^\s:#]+)/.exec(file.text.slice(start));
  return key ? { ...f, range: { start: f.range.start, end: file.document.positionAt(start + key[0].length) } } : f;
}
