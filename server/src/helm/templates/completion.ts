// Completion inside a template's actions: `.Values.` paths from the chart's values files (with each value and
// its comment), the built-in objects' members, named templates after include/template, and functions.
import * as path from 'node:path';
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { BUILTINS, builtinAt, KEYWORDS } from './builtins';
import { scanned } from './chart-files';
import { definesIn } from './defines';
import { FUNCTIONS } from './functions';
import { chartModel, valuesChildren, type ChartModel } from './model';
import { actionAt, tokenAt, valuesRef, type Action, type Token } from './scan';
import { valueText } from './values';

export function templateCompletion(file: SourceFile, position: Position, ctx: ServiceContext): CompletionList | null {
  const offset = file.document.offsetAt(position);
  const action = actionAt(scanned(file.path, file.text), offset);
  if (!action) return null;
  const model = chartModel(file.path, ctx);
  const token = tokenAt(action, offset);
  const items = token ? tokenCompletion(file, action, token, offset, model) : functionItems(file, offset, offset);
  return items ? { isIncomplete: false, items } : null;
}

function tokenCompletion(file: SourceFile, action: Action, token: Token, offset: number, model: ChartModel | undefined): CompletionItem[] | null {
  if (token.kind === 'field' || token.kind === 'variable') return fieldItems(file, token, offset, model);
  if (token.kind === 'identifier') return functionItems(file, token.start, token.end);
  if (token.kind === 'string') {
    const before = action.tokens[action.tokens.indexOf(token) - 1];
    if (before?.kind === 'identifier' && (before.text === 'include' || before.text === 'template') && model) return nameItems(file, token, model);
  }
  return null;
}

/** The segment of a field chain the cursor is in: its index (0 is what precedes the first dot) and span. */
function segmentAt(token: Token, offset: number): { parts: string[]; index: number; start: number; end: number } {
  const parts = token.text.split('.');
  let start = token.start;
  for (let i = 0; i < parts.length; i++) {
    const end = start + parts[i]!.length;
    if (offset <= end) return { parts, index: i, start, end };
    start = end + 1;
  }
  return { parts, index: parts.length - 1, start: token.end, end: token.end };
}

function fieldItems(file: SourceFile, token: Token, offset: number, model: ChartModel | undefined): CompletionItem[] | null {
  const segment = segmentAt(token, offset);
  const range = { start: file.document.positionAt(segment.start), end: file.document.positionAt(segment.end) };
  const ref = valuesRef(token);
  const valuesAt = ref ? segment.parts.indexOf('Values', 1) : -1;
  if (ref && segment.index > valuesAt) {
    if (!model) return [];
    const parent = segment.parts.slice(valuesAt + 1, segment.index);
    const items: CompletionItem[] = [];
    for (const [name, places] of valuesChildren(model, parent)) {
      const { source, entry } = places[places.length - 1]!;
      const value = valueText(source.file, entry, 6);
      items.push({
        label: name,
        kind: entry.isMap ? CompletionItemKind.Module : CompletionItemKind.Field,
        detail: entry.isMap ? `.Values.${[...parent, name].join('.')}` : oneLine(value),
        documentation: {
          kind: MarkupKind.Markdown,
          value: valuesDoc(
            places.map((p) => ({ file: p.source.file.path, value: valueText(p.source.file, p.entry, 6), comment: p.entry.comment })),
            model.root,
          ),
        },
        textEdit: { range, newText: name },
      });
    }
    return items;
  }
  // `.X` at the top: the built-in objects; `.Chart.X`, `.Capabilities.KubeVersion.X`: their members.
  const rootOnly = token.kind === 'field' || token.text.startsWith('$.');
  if (!rootOnly || segment.index < 1) return null;
  const members = segment.index === 1 ? BUILTINS : builtinAt(segment.parts.slice(1, segment.index))?.members;
  if (!members) return null;
  return Object.entries(members).map(([name, member]) => ({
    label: name,
    kind: member.members || segment.index === 1 ? CompletionItemKind.Module : CompletionItemKind.Property,
    documentation: { kind: MarkupKind.Markdown, value: member.doc },
    textEdit: { range, newText: name },
  }));
}

function nameItems(file: SourceFile, token: Token, model: ChartModel): CompletionItem[] {
  const range = { start: file.document.positionAt(token.start + 1), end: file.document.positionAt(token.text.length > 1 && token.text.endsWith(token.text[0]!) ? token.end - 1 : token.end) };
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const define of definesIn(model.templates())) {
    if (seen.has(define.name)) continue;
    seen.add(define.name);
    items.push({
      label: define.name,
      kind: CompletionItemKind.Snippet,
      detail: path.relative(model.root, define.file.path),
      documentation: { kind: MarkupKind.Markdown, value: fence(bodyPreview(define.body)) },
      textEdit: { range, newText: define.name },
    });
  }
  return items;
}

function functionItems(file: SourceFile, start: number, end: number): CompletionItem[] {
  const range = { start: file.document.positionAt(start), end: file.document.positionAt(end) };
  return [
    ...FUNCTIONS.map((f) => ({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: f.signature,
      documentation: f.doc ? { kind: MarkupKind.Markdown, value: `${f.doc}\n\n(${f.source})` } : undefined,
      textEdit: { range, newText: f.name },
    })),
    ...KEYWORDS.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, textEdit: { range, newText: k } })),
  ];
}

/** Markdown for a value: each file that sets it, with its value and comment. */
export function valuesDoc(places: readonly { file: string; value: string; comment?: string }[], root: string): string {
  return places.map((p) => `${p.comment ? `${p.comment.replace(/^#\s?/gm, '')}\n\n` : ''}${path.relative(root, p.file) || p.file}:\n${fence(p.value || '""', 'yaml')}`).join('\n\n');
}

export function fence(text: string, language = 'helm'): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${text}\n${ticks}`;
}

export function bodyPreview(body: string, maxLines = 20): string {
  const lines = body
    .replace(/^\s*\n/, '')
    .replace(/\s+$/, '')
    .split('\n');
  return lines.length > maxLines ? [...lines.slice(0, maxLines), '…'].join('\n') : lines.join('\n');
}

function oneLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
