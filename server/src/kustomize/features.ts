import * as path from 'node:path';
import { CodeActionKind, CompletionItemKind, CompletionItemTag, MarkupKind, type CodeAction, type CompletionItem, type DocumentLink, type Hover, type Location, type Position } from 'vscode-languageserver-types';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { pathToUri, type SourceFile } from '../core/source';
import { cursorContext } from '../kubernetes/features/context-path';
import { offsetsOf, rangeOf } from '../yaml/parse';
import { DEPRECATED_FIELDS, editFix } from './edit-fix';
import { isRemote, kustomizationOf, type PathEntry } from './model';
import { kustomizationFileIn } from './paths';
import { SCHEMA_SOURCE, fieldAt, structAt, type KustomizeField } from './schema';

/** Keys of the mapping at the cursor that it does not have yet; deprecated ones last and struck through. */
export function completion(file: SourceFile, position: Position): CompletionItem[] {
  const offset = file.document.offsetAt(position);
  const context = cursorContext(file.text, offset, position);
  if (context.valueOf !== undefined) return [];
  const struct = structAt(context.path)?.struct;
  if (!struct) return [];
  const present = new Set(siblingKeys(file, context.path));
  return struct.order
    .filter((key) => !present.has(key) && key !== 'metadata')
    .map((key) => {
      const field = struct.fields[key];
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: typeOf(field),
        documentation: field.doc ? { kind: MarkupKind.Markdown, value: field.doc } : undefined,
        tags: field.deprecated ? [CompletionItemTag.Deprecated] : undefined,
        sortText: `${field.deprecated ? 1 : 0}${key}`,
        insertText: `${key}: `,
      };
    });
}

function siblingKeys(file: SourceFile, mapPath: (string | number)[]): string[] {
  const node = kustomizationOf(file)?.yaml.getIn(mapPath, true) as { items?: { key?: { value?: unknown } }[] } | undefined;
  return (node?.items ?? []).map((pair) => String(pair.key?.value));
}

function typeOf(field: KustomizeField): string {
  if (field.type === 'array') return `list of ${field.ref ?? field.items ?? 'values'}`;
  if (field.type === 'map') return `map of ${field.items ?? 'values'}`;
  return field.ref ?? field.type;
}

/** The kustomize documentation of the key under the cursor. */
export function hover(file: SourceFile, position: Position): Hover | null {
  const context = cursorContext(file.text, file.document.offsetAt(position), position);
  if (!context.key) return null;
  const field = fieldAt(context.path, context.key);
  if (!field) return null;
  const parts = [`**${context.key}** (${typeOf(field)})`, field.doc ?? '', `_${SCHEMA_SOURCE.replace(/ \(generated.*\)$/, '')}_`];
  return { contents: { kind: MarkupKind.Markdown, value: parts.filter(Boolean).join('\n\n') } };
}

/** Where an entry leads: the file itself, or a folder's kustomization. */
function targetOf(entry: PathEntry, ctx: ServiceContext): string | undefined {
  if (isRemote(entry.value) || !ctx.workspace.exists(entry.absolute)) return undefined;
  if (!ctx.workspace.isDirectory(entry.absolute)) return entry.absolute;
  return kustomizationFileIn(entry.absolute, ctx.workspace);
}

export function documentLinks(file: SourceFile, ctx: ServiceContext): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const entry of kustomizationOf(file)?.entries ?? []) {
    const target = targetOf(entry, ctx);
    const range = rangeOf(file.document, entry.node);
    if (target && range) links.push({ range, target: pathToUri(target), tooltip: path.relative(path.dirname(file.path), target) });
  }
  return links;
}

export function definition(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const offset = file.document.offsetAt(position);
  for (const entry of kustomizationOf(file)?.entries ?? []) {
    const span = offsetsOf(entry.node);
    if (!span || offset < span[0] || offset > span[1]) continue;
    const target = targetOf(entry, ctx);
    return target ? [{ uri: pathToUri(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : null;
  }
  return null;
}

/** Rewrites a deprecated field as `kustomize edit fix` does; with several, also all of them at once. */
export function codeActions(file: SourceFile, findings: Finding[], ctx: ServiceContext): CodeAction[] {
  const kustomization = kustomizationOf(file);
  if (!kustomization) return [];
  const isFile = (relative: string) => {
    const absolute = path.resolve(path.dirname(file.path), relative);
    return ctx.workspace.exists(absolute) && !ctx.workspace.isDirectory(absolute);
  };
  const rewrite = (fields: string[], title: string, diagnostics: Finding[]): CodeAction | undefined => {
    const text = editFix(kustomization.yaml, fields, isFile);
    if (text === undefined) return undefined;
    const range = { start: { line: 0, character: 0 }, end: file.document.positionAt(kustomization.yaml.range[2]) };
    return { title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: true, edit: { changes: { [file.uri]: [{ range, newText: text }] } } };
  };
  const fixable = findings.filter((f) => typeof (f.data as { kustomizeFix?: unknown } | undefined)?.kustomizeFix === 'string');
  const actions: CodeAction[] = [];
  for (const finding of fixable) {
    const field = (finding.data as { kustomizeFix: string }).kustomizeFix;
    const action = rewrite([field], `Rewrite '${field}' as 'kustomize edit fix' does`, [finding]);
    if (action) actions.push(action);
  }
  const every = Object.keys(DEPRECATED_FIELDS).filter((key) => DEPRECATED_FIELDS[key].fixable && kustomization.yaml.has(key));
  if (fixable.length && every.length > 1) {
    const all = rewrite(every, 'Rewrite every deprecated field (kustomize edit fix)', fixable);
    if (all) actions.push({ ...all, isPreferred: false });
  }
  return actions;
}
