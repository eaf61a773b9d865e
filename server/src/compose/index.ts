import type { LanguageSupport } from '../core/language';
import { yamlSyntaxSupport } from '../yaml/syntax-support';

/** Compose language service: YAML syntax for now; schema and semantic rules are built in this folder. */
export const composeSupport: LanguageSupport = yamlSyntaxSupport(['compose']);
