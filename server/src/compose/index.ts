import type { LanguageSupport, ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { yamlFoldingRanges } from '../yaml/folding';
import type { YamlTree } from '../yaml/spans';
import { yamlSelectionRanges } from '../yaml/selection';
import { YAML_SYNTAX_RULES } from '../yaml/parse';
import { COMPOSE_RULES } from './rules';
import { analyze } from './analysis';
import { composeCodeActions } from './features/code-actions';
import { composeCompletion } from './features/completion';
import { formatYaml } from '../yaml/format';
import { composeHover } from './features/hover';
import { composeLinks } from './features/links';
import { composeDefinition, composePrepareRename, composeReferences, composeRename } from './features/navigation';
import { composeSymbols } from './features/symbols';
import { validateCompose } from './validate';

/** Compose language service: schema (compose-go's), semantic rules, merged multi-file projects, editing features. */
export const composeSupport: LanguageSupport = {
  kinds: ['compose'],
  rules: [...YAML_SYNTAX_RULES, ...COMPOSE_RULES],
  validate: validateCompose,
  completion: composeCompletion,
  hover: composeHover,
  definition: composeDefinition,
  references: composeReferences,
  prepareRename: composePrepareRename,
  rename: composeRename,
  documentSymbols: composeSymbols,
  format: formatYaml,
  codeActions: composeCodeActions,
  documentLinks: composeLinks,
  foldingRanges: (file, ctx, options) => yamlFoldingRanges(file, trees(file, ctx), options),
  selectionRanges: (file, positions, ctx) => yamlSelectionRanges(file, trees(file, ctx), positions),
};

/** The file's documents as the services parsed them (cached per text); ranges are file offsets. */
function trees(file: SourceFile, ctx: ServiceContext): YamlTree[] {
  const { yaml } = analyze(file, ctx.settings, ctx.workspace).compose;
  return yaml.documents.map((doc) => ({ doc, base: 0, end: file.text.length }));
}
