import { checkBudget } from '../core/budget';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { lookup, offsetsOf, rangeOfOffsets, YAML_DUPLICATE_KEY_RULE, yamlSyntaxFindings } from '../yaml/parse';
import type { ComposeDocument } from './document';
import { servicesOf } from './rule';
import { activeProfiles, isEnabled, profilesOf } from './profiles';
import { analyze } from './analysis';
import { COMPOSE_RULES } from './rules';

/** YAML syntax first; the Compose rules run when the YAML is readable (duplicate keys do not stop them). */
export function validateCompose(file: SourceFile, ctx: ServiceContext): Finding[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const syntax = yamlSyntaxFindings(file.document, compose.yaml);
  const duplicates = duplicateKeys(file, compose);
  // The parser sometimes points a duplicate at the end of the first key's empty value; the tree knows the later key.
  const findings = duplicates.length ? [...syntax.filter((f) => f.code !== 'YamlDuplicateKey'), ...duplicates] : syntax.map((f) => (f.code === 'YamlDuplicateKey' ? widenToKey(file, f) : f));
  if (findings.some((f) => f.code === 'YamlSyntax')) return findings;
  const base = { compose, project, workspace: ctx.workspace, settings: ctx.settings };
  const tool = compose.stack ? 'stack' : 'compose';
  for (const rule of COMPOSE_RULES) {
    if (rule.tool && rule.tool !== tool) continue;
    checkBudget();
    rule.check({ ...base, report: (range, message, data) => findings.push(ruleFinding(rule, range, message, data)) });
  }
  return softenInDisabledServices(file, compose, findings);
}

// compose-go checks these only for the services that profiles enable (its consistency pass runs after them).
const CONSISTENCY = new Set(COMPOSE_RULES.filter((rule) => rule.appliesTo === 'enabled-services').map((rule) => rule.id));

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

/** Every key repeated in a mapping, at the repetition, saying where the first one is. */
function duplicateKeys(file: SourceFile, compose: ComposeDocument): Finding[] {
  if (!compose.yaml.documents.some((doc) => doc.errors.some((e) => e.code === 'DUPLICATE_KEY'))) return [];
  const out: Finding[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && typeof key.value !== 'symbol' && key.range) {
          const name = String(key.value);
          const first = seen.get(name);
          if (first?.range) {
            const line = file.document.positionAt(first.range[0]).line + 1;
            out.push(ruleFinding(YAML_DUPLICATE_KEY_RULE, rangeOfOffsets(file.document, key.range[0], key.range[1]), `Map keys must be unique: "${name}" is already defined on line ${line}.`));
          } else seen.set(name, key);
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  for (const doc of compose.yaml.documents) visit(doc.contents);
  return out;
}
