import type { Finding } from '../core/diagnostics';
import type { LanguageSupport } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { JSON_SYNTAX_RULES, jsonSyntaxFindings } from '../json/parse';
import { completion, documentSymbols, hover } from './features';
import { taskDefinitionOf } from './model';
import { ECS_RULES } from './rules';
import { walkModel } from './walk';

/**
 * AWS ECS task definitions (the JSON `aws ecs register-task-definition --cli-input-json` takes): botocore's
 * model of RegisterTaskDefinition and the rules the ECS documentation states. Authoring only: no ECS here.
 */
export const ecsSupport: LanguageSupport = {
  kinds: ['ecs'],
  rules: [...JSON_SYNTAX_RULES, ...ECS_RULES],
  validate: (file) => validate(file),
  completion: (file, position) => completion(file, position),
  hover: (file, position) => hover(file, position),
  documentSymbols: (file) => documentSymbols(file),
};

function validate(file: SourceFile): Finding[] {
  const def = taskDefinitionOf(file);
  const out = jsonSyntaxFindings(file.document, def.parsed);
  const root = def.parsed.root;
  // Invalid JSON is reported where it breaks; checking the half the parser recovered would add noise.
  if (!root || def.parsed.errors.length) return out;
  const model = walkModel(root, file.text, def.parsed.duplicates);
  for (const rule of ECS_RULES) {
    if (rule.appliesTo === 'task' && !def.root) continue;
    rule.check({ def, root, model, report: (range, message, data) => out.push(ruleFinding(rule, range, message, data)) });
  }
  return out;
}
