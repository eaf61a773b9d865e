import { MAX_ALIAS_DEPTH, MAX_ALIAS_NODES } from '../document';
import type { ComposeRule } from '../rule';

/** Aliases and merge keys that expand past the limit (an alias bomb): the model is cut there, and said so. */
export const yamlAliasLimitRule: ComposeRule = {
  id: 'YamlAliasLimit',
  severity: 'error',
  doc: `YAML aliases and merge keys expand to more than ${MAX_ALIAS_NODES.toLocaleString('en')} nodes or nest deeper than ${MAX_ALIAS_DEPTH}; docker compose refuses such excessive aliasing too.`,
  appliesTo: 'file',
  check({ compose, report }) {
    if (compose.aliasLimitAt === undefined) return;
    const at = compose.document.positionAt(compose.aliasLimitAt);
    report(
      { start: at, end: { line: at.line, character: at.character + 1 } },
      `Aliases here expand past ${MAX_ALIAS_NODES.toLocaleString('en')} nodes or ${MAX_ALIAS_DEPTH} levels (an alias bomb?): the rest was not expanded, and checks after this point are incomplete.`,
    );
  },
};
