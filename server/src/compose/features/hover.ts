import * as path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { rangeOf } from '../../yaml/parse';
import { analyze } from '../analysis';
import { environmentSecrets, maskValues } from '../effective';
import { COMPOSE_SCHEMA, describe, schemaAt } from '../schema/schema-index';
import { STACK_SCHEMA } from '../stack/schema';
import { valueAt } from '../walk';
import { locate } from './position';
import { symbolAt } from './navigation';

/** Hover: the schema's description, and in a multi-file project the merged value and the files it came from. */
export function composeHover(file: SourceFile, position: Position, ctx: ServiceContext): Hover | null {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const offset = file.document.offsetAt(position);
  // Only uses placed exactly (their own `${...}` span), not ones widened to a whole scalar that re-spells its text.
  const use = compose.uses.find((u) => offset >= u.start && offset <= u.end && u.end - u.start <= u.item.end - u.item.start + 2);
  if (use) {
    const value = compose.env.lookup(use.item.name);
    const origin = compose.env.origin(use.item.name);
    const tool = compose.stack ? 'docker stack deploy' : 'docker compose';
    const where = origin === 'environment' ? `the environment ${tool} runs in` : origin ? `\`${origin}\`` : undefined;
    const unset = compose.stack ? 'not in the environment; docker stack deploy reads no .env file' : `not in the environment, not in \`${compose.env.dotenvPath}\``;
    const text =
      value === undefined
        ? `**\`${use.item.name}\`** is not set (${unset})${use.item.hasFallback ? ': the default applies.' : `: ${tool} substitutes an empty string.`}`
        : // The editor's own environment may hold tokens: say that it is set, never what it is.
          origin === 'environment'
          ? `**\`${use.item.name}\`** is set in ${where} (value not shown)`
          : `**\`${use.item.name}\`** = \`${JSON.stringify(value)}\` — from ${where}`;
    return { contents: { kind: MarkupKind.Markdown, value: text }, range: { start: file.document.positionAt(use.start), end: file.document.positionAt(use.end) } };
  }
  const located = locate(compose, offset);
  const parts: string[] = [];
  const symbol = symbolAt(compose, position);
  if (symbol) {
    const merged = valueAt(project.merged, symbol.kind, symbol.name);
    const origin = project.origins.get(`${symbol.kind}.${symbol.name}`);
    parts.push(`**${symbol.kind.slice(0, -1)} \`${symbol.name}\`**${origin ? ` — defined in ${origin.map((f) => `\`${path.basename(f)}\``).join(', ')}` : ' — not declared in the project'}`);
    if (merged !== undefined && merged !== null) parts.push('```yaml\n' + stringify({ [symbol.name]: maskValues(merged, environmentSecrets([file.text], compose.env)) }, { lineWidth: 0 }).trimEnd() + '\n```');
  } else if (located) {
    const schemaPath = located.path;
    const root = compose.stack ? STACK_SCHEMA : COMPOSE_SCHEMA;
    const doc = describe(schemaAt(schemaPath, root), root);
    if (doc) parts.push(doc);
    const dotted = schemaPath.join('.');
    const origin = project.origins.get(dotted);
    if (project.files.length > 1 && origin) {
      const merged = valueAt(project.merged, ...schemaPath);
      parts.push(`Merged value (${project.files.map((f) => `\`${path.basename(f)}\``).join(' + ')}), set in ${origin.map((f) => `\`${path.basename(f)}\``).join(', ')}:`);
      parts.push('```yaml\n' + stringify(maskValues(merged ?? null, environmentSecrets([file.text, ...project.files.map((f) => ctx.workspace.readFile(f) ?? '')], compose.env)), { lineWidth: 0 }).trimEnd() + '\n```');
    }
  }
  if (!parts.length) return null;
  const range = located ? rangeOf(file.document, located.node) : symbol?.range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
}
