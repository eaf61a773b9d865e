import type { Finding } from '../core/diagnostics';
import type { LanguageSupport, ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { parseYaml, YAML_SYNTAX_RULES, yamlSyntaxFindings } from '../yaml/parse';
import { builtFindingsFor, KUSTOMIZE_BUILD_RULE, KUSTOMIZE_ENGINE_UNAVAILABLE } from './build';
import { codeActions, completion, definition, documentLinks, hover } from './features';
import { kustomizationOf } from './model';
import { KUSTOMIZE_RULES } from './rules';

/** kustomization.yaml (Kustomization and Component): kustomize's own schema, deprecated fields, the paths it names. */
export const kustomizeSupport: LanguageSupport = {
  kinds: ['kustomization'],
  rules: [...YAML_SYNTAX_RULES, ...KUSTOMIZE_RULES, KUSTOMIZE_BUILD_RULE, KUSTOMIZE_ENGINE_UNAVAILABLE],
  validate: (file, ctx) => validate(file, ctx),
  completion: (file, position) => completion(file, position),
  hover: (file, position) => hover(file, position),
  definition: (file, position, ctx) => definition(file, position, ctx),
  documentLinks: (file, ctx) => documentLinks(file, ctx),
  codeActions: (file, _range, findings, ctx) => codeActions(file, findings, ctx),
};

/** Its own checks, then (in the editor) what the builds that read it say about it: build errors, transformer-set values. */
function validate(file: SourceFile, ctx: ServiceContext): Finding[] | Promise<Finding[]> {
  const out = yamlSyntaxFindings(file.document, parseYaml(file.text));
  const kustomization = kustomizationOf(file);
  if (!kustomization) return out;
  for (const rule of KUSTOMIZE_RULES) rule.check({ kustomization, workspace: ctx.workspace, report: (range, message, data) => out.push(ruleFinding(rule, range, message, data)) });
  return builtFindingsFor(file, ctx, out);
}
