import type { LanguageSupport } from '../core/language';
import { completion } from './editing/completion';
import { foldingRanges } from './editing/folding';
import { format } from './editing/format';
import { hover } from './editing/hover';
import { documentLinks } from './editing/links';
import { definition, prepareRename, references, rename } from './editing/navigation';
import { documentSymbols } from './editing/outline';
import { codeActions } from './editing/quick-fixes';
import { selectionRanges } from './editing/selection';
import { semanticTokens } from './editing/semantic-tokens';
import { RULES } from './rules';
import { validateDockerfile } from './validate';

/** Dockerfile language service: BuildKit's checks and parser errors, best practices, editing assistance. */
export const dockerfileSupport: LanguageSupport = {
  kinds: ['dockerfile'],
  rules: RULES,
  validate: (file, ctx) => validateDockerfile(file, ctx),
  completion: (file, position, ctx) => completion(file, position, ctx),
  hover: (file, position) => hover(file, position),
  definition: (file, position) => definition(file, position),
  references: (file, position) => references(file, position),
  prepareRename: (file, position) => prepareRename(file, position),
  rename: (file, position, newName) => rename(file, position, newName),
  documentSymbols: (file) => documentSymbols(file),
  format: (file, options) => format(file, options),
  codeActions: (file, _range, findings) => codeActions(file, findings),
  documentLinks: (file) => documentLinks(file),
  semanticTokens: (file) => semanticTokens(file),
  foldingRanges: (file, _ctx, options) => foldingRanges(file, options),
  selectionRanges: (file, positions) => selectionRanges(file, positions),
};
