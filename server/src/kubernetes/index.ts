import type { LanguageSupport } from '../core/language';
import type { SourceFile } from '../core/source';
import { yamlFoldingRanges } from '../yaml/folding';
import type { YamlTree } from '../yaml/spans';
import { formatYaml } from '../yaml/format';
import { yamlSelectionRanges } from '../yaml/selection';
import { YAML_SYNTAX_RULES } from '../yaml/parse';
import { builtFindingsFor } from '../kustomize/build';
import { validateManifest } from './engine';
import { codeActions } from './features/actions';
import { completion } from './features/completion';
import { hover } from './features/hover';
import { definition, references } from './features/references';
import { documentSymbols } from './features/symbols';
import { documentsOf } from './model/documents';
import { KUBE_RULES } from './rules';
import { SCHEMA_RULES } from './schema/validate';

/** Kubernetes manifests: bundled per-version schemas, API-server validation rules, cross-file checks, editing help. */
export const kubernetesSupport: LanguageSupport = {
  kinds: ['kubernetes'],
  rules: [...YAML_SYNTAX_RULES, ...SCHEMA_RULES, ...KUBE_RULES],
  validate: (file, ctx) => builtFindingsFor(file, ctx, validateManifest(file, ctx)),
  completion: (file, position, ctx) => completion(file, position, ctx),
  hover: (file, position, ctx) => hover(file, position, ctx),
  definition: (file, position, ctx) => definition(file, position, ctx),
  references: (file, position, ctx) => references(file, position, ctx),
  documentSymbols: (file) => documentSymbols(file),
  codeActions: (file, _range, findings) => codeActions(file, findings),
  // Generic YAML re-printing (comments, anchors and key order kept), shared with Compose.
  format: (file, options, ctx) => formatYaml(file, options, ctx),
  foldingRanges: (file, _ctx, options) => yamlFoldingRanges(file, trees(file), options),
  selectionRanges: (file, positions) => yamlSelectionRanges(file, trees(file), positions),
};

/** Each document's own tree (positions local to it) and where its text sits in the file. */
function trees(file: SourceFile): YamlTree[] {
  return documentsOf(file).map((doc) => ({ doc: doc.yaml, base: doc.startOffset, end: doc.startOffset + doc.text.length }));
}
