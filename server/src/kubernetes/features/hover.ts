import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { resolveKind, targetOf } from '../engine';
import { enumFor } from '../schema/enums';
import { bundledVersions, schemasFor, minorOf } from '../schema/store';
import { apiChange } from '../validation/api-versions';
import { cursorContext } from './context-path';
import { forYaml } from './description';
import { deref, schemaAt, typeLabel } from './schema-at';
import { own } from '../../core/own';

/** The first bundled version whose definition has the field, when it is newer than the oldest bundled one. */
function fieldSince(definition: string, field: string): string | undefined {
  const versions = bundledVersions()
    .slice()
    .sort((a, b) => minorOf(a) - minorOf(b));
  const first = versions.find((v) => own(schemasFor(v).definition(definition)?.p, field));
  return first && first !== versions[0] ? first : undefined;
}

/** Field docs and type on keys; kind docs and deprecation on apiVersion/kind values. */
export function hover(file: SourceFile, position: Position, ctx: ServiceContext): Hover | null {
  const lineText = file.text.split('\n', position.line + 1)[position.line] ?? '';
  const keyMatch = /^(\s*(?:-\s+)*)([^:#\s][^:#]*?)\s*:/.exec(lineText);
  if (!keyMatch) return null;
  const keyStart = keyMatch[1].length;
  const keyEnd = keyStart + keyMatch[2].length;
  const onKey = position.character >= keyStart && position.character <= keyEnd;
  const target = targetOf(file, ctx);
  const at = { line: position.line, character: keyStart };
  const cursor = cursorContext(file.text, file.document.offsetAt(at), at);
  const key = keyMatch[2];
  const range = { start: { line: position.line, character: keyStart }, end: { line: position.line, character: keyEnd } };

  if (cursor.path.length === 0 && (key === 'kind' || key === 'apiVersion') && !onKey && cursor.apiVersion && cursor.kind) {
    const resolved = resolveKind(target, cursor.apiVersion, cursor.kind);
    const root = resolved ? deref(target, resolved.root)?.node : undefined;
    const change = apiChange(cursor.apiVersion, cursor.kind);
    const parts = [`**${cursor.kind}** \`${cursor.apiVersion}\` — Kubernetes ${target.version}`];
    if (change) parts.push(`Deprecated in 1.${change.deprecated}${change.removed ? `, removed in 1.${change.removed}` : ''}${change.replacement ? `: use \`${change.replacement}\`` : ''}.`);
    if (!resolved) parts.push('No schema for this kind in this version.');
    if (root?.d) parts.push(forYaml(root.d));
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') } };
  }
  if (!onKey) return null;
  const schema = schemaAt(target, cursor.apiVersion, cursor.kind, [...cursor.path, key]);
  if (!schema) return null;
  const node = schema.node;
  const values = node.e ?? enumFor(schema.parentDefinition, key);
  const parts = [`**${key}**: \`${typeLabel(target, node)}\``];
  if (values) parts.push(`One of: ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  const since = schema.parentDefinition ? fieldSince(schema.parentDefinition, key) : undefined;
  if (since) parts.push(`Since Kubernetes ${since} (not in older bundled versions).`);
  if (node.d) parts.push(forYaml(node.d));
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
}
