import type { LanguageSupport } from '../core/language';
import { validateDockerfile } from './validate';
import { RULES } from './rules';

/** Dockerfile language service: BuildKit's checks and parser errors, best practices, editing assistance. */
export const dockerfileSupport: LanguageSupport = {
  kinds: ['dockerfile'],
  rules: RULES.map(({ info }) => ({ id: info.id, severity: info.severity, doc: info.doc })),
  validate: (file, ctx) => validateDockerfile(file, ctx),
};
