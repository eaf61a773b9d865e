import type { LanguageSupport } from '../core/language';

/** Dockerfile language service (rules, completion, hover…): being built in this folder. */
export const dockerfileSupport: LanguageSupport = {
  kinds: ['dockerfile'],
  rules: [],
  validate: () => [],
};
