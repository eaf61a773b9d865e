import type { RuleInfo } from '../core/diagnostics';
import type { FileKind } from '../core/kinds';
import type { LanguageSupport } from '../core/language';
import { parseYaml, yamlSyntaxFindings } from './parse';

export const YAML_SYNTAX_RULES: readonly RuleInfo[] = [
  { id: 'YamlSyntax', severity: 'error', doc: 'The file is not well-formed YAML.' },
  { id: 'YamlDuplicateKey', severity: 'error', doc: 'A mapping repeats a key; Compose and the Kubernetes API server reject it.' },
  { id: 'YamlWarning', severity: 'warning', doc: 'The YAML parser accepted something it warns about.' },
];

/** Syntax-only checking for YAML kinds that have no richer service yet. */
export function yamlSyntaxSupport(kinds: readonly FileKind[]): LanguageSupport {
  return {
    kinds,
    rules: YAML_SYNTAX_RULES,
    validate: (file) => yamlSyntaxFindings(file.document, parseYaml(file.text)),
  };
}
