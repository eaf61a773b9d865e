import type { LanguageSupport } from '../core/language';
import { YAML_SYNTAX_RULES } from '../yaml/syntax-support';
import { COMPOSE_RULES } from './rules';
import { composeCodeActions } from './features/code-actions';
import { composeCompletion } from './features/completion';
import { composeFormat } from './features/format';
import { composeHover } from './features/hover';
import { composeLinks } from './features/links';
import { composeDefinition, composePrepareRename, composeReferences, composeRename } from './features/navigation';
import { composeSymbols } from './features/symbols';
import { validateCompose } from './validate';

/** Compose language service: schema (compose-go's), semantic rules, merged multi-file projects, editing features. */
export const composeSupport: LanguageSupport = {
  kinds: ['compose'],
  rules: [...YAML_SYNTAX_RULES, ...COMPOSE_RULES.map(({ id, severity, doc }) => ({ id, severity, doc }))],
  validate: validateCompose,
  completion: composeCompletion,
  hover: composeHover,
  definition: composeDefinition,
  references: composeReferences,
  prepareRename: composePrepareRename,
  rename: composeRename,
  documentSymbols: composeSymbols,
  format: composeFormat,
  codeActions: composeCodeActions,
  documentLinks: composeLinks,
};
