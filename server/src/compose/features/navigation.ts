import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import { pathToUri, type SourceFile } from '../../core/source';
import { analyze } from '../analysis';
import type { ComposeDocument } from '../document';
import { RESOURCE_KINDS, type ResourceKind } from '../project';
import { declarationsOf, referenceRange, referencesOf } from '../references';

/** A service, volume, network, secret, config or model name: what the cursor is on. */
export interface Symbol_ {
  kind: ResourceKind;
  name: string;
  range: Range;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** The declared or referenced resource name under the cursor. */
export function symbolAt(compose: ComposeDocument, position: Position): Symbol_ | undefined {
  for (const kind of RESOURCE_KINDS) {
    for (const declaration of declarationsOf(compose, kind)) if (contains(declaration.range, position)) return { kind, ...declaration };
  }
  for (const ref of referencesOf(compose)) {
    const range = referenceRange(compose, ref);
    if (contains(range, position)) return { kind: ref.kind, name: ref.name, range };
  }
  return undefined;
}

/** Every file of the project (and its includes), with declarations and references of one name. */
function occurrences(file: SourceFile, ctx: ServiceContext, kind: ResourceKind, name: string): { declarations: Location[]; references: Location[] } {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const documents = [...project.documents, ...project.included];
  if (!documents.includes(compose)) documents.unshift(compose);
  const declarations: Location[] = [];
  const references: Location[] = [];
  for (const doc of documents) {
    const uri = doc === compose ? file.uri : pathToUri(doc.path);
    for (const d of declarationsOf(doc, kind)) if (d.name === name) declarations.push({ uri, range: d.range });
    for (const ref of referencesOf(doc)) if (ref.kind === kind && ref.name === name) references.push({ uri, range: referenceRange(doc, ref) });
  }
  return { declarations, references };
}

export function composeDefinition(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  const symbol = symbolAt(compose, position);
  if (!symbol) return null;
  const { declarations } = occurrences(file, ctx, symbol.kind, symbol.name);
  return declarations.length ? declarations : null;
}

export function composeReferences(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  const symbol = symbolAt(compose, position);
  if (!symbol) return null;
  const { declarations, references } = occurrences(file, ctx, symbol.kind, symbol.name);
  return [...declarations, ...references];
}

export function composePrepareRename(file: SourceFile, position: Position, ctx: ServiceContext): Range | null {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  return symbolAt(compose, position)?.range ?? null;
}

const NAME = /^[a-zA-Z0-9._-]+$/;

export function composeRename(file: SourceFile, position: Position, newName: string, ctx: ServiceContext): WorkspaceEdit | null {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  const symbol = symbolAt(compose, position);
  if (!symbol || !NAME.test(newName)) return null;
  const { declarations, references } = occurrences(file, ctx, symbol.kind, symbol.name);
  const changes: Record<string, TextEdit[]> = {};
  for (const location of [...declarations, ...references]) (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  return { changes };
}
