import type { LanguageSupport } from '../core/language';
import { YAML_SYNTAX_RULES } from '../yaml/syntax-support';
import { COMPOSE_RULES } from './rules';
import { validateCompose } from './validate';

/** Compose language service: schema (compose-go's), semantic rules, merged multi-file projects, editing features. */
export const composeSupport: LanguageSupport = {
  kinds: ['compose'],
  rules: [...YAML_SYNTAX_RULES, ...COMPOSE_RULES.map(({ id, severity, doc }) => ({ id, severity, doc }))],
  validate: validateCompose,
};
