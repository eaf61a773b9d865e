import type { FileKind } from '../core/kinds';
import type { LanguageSupport } from '../core/language';
import { parseYaml, yamlSyntaxFindings, YAML_SYNTAX_RULES } from './parse';

/** Syntax-only checking for YAML kinds that have no richer service yet. */
export function yamlSyntaxSupport(kinds: readonly FileKind[]): LanguageSupport {
  return {
    kinds,
    rules: YAML_SYNTAX_RULES,
    validate: (file) => yamlSyntaxFindings(file.document, parseYaml(file.text)),
  };
}
