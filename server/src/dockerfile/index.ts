import type { LanguageSupport } from '../core/language';
import * as editing from './editing';
import { RULES } from './rules';
import { validateDockerfile } from './validate';

/** Dockerfile language service: BuildKit's checks and parser errors, best practices, editing assistance. */
export const dockerfileSupport: LanguageSupport = {
  kinds: ['dockerfile'],
  rules: RULES.map(({ info }) => ({ id: info.id, severity: info.severity, doc: info.doc })),
  validate: (file, ctx) => validateDockerfile(file, ctx),
  completion: (file, position) => editing.completion(file, position),
  hover: (file, position) => editing.hover(file, position),
  definition: (file, position) => editing.definition(file, position),
  references: (file, position) => editing.references(file, position),
  prepareRename: (file, position) => editing.prepareRename(file, position),
  rename: (file, position, newName) => editing.rename(file, position, newName),
  documentSymbols: (file) => editing.documentSymbols(file),
  format: (file, options) => editing.format(file, options),
  codeActions: (file, _range, findings) => editing.codeActions(file, findings),
  documentLinks: (file) => editing.documentLinks(file),
  semanticTokens: (file) => editing.semanticTokens(file),
};
