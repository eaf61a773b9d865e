import type { Position } from 'vscode-languageserver-types';
import { splitDocuments, type DocumentSpan } from '../model/documents';

/**
 * Where the cursor is in YAML terms, read from indentation alone so it works on the half-typed,
 * unparsable text completion sees: the field path of the enclosing mapping, and the key when the
 * cursor is in a value.
 */
export interface CursorContext {
  span: DocumentSpan;
  /** Path of the mapping the cursor's line belongs to (numbers for list items). */
  path: (string | number)[];
  /** The key on the cursor's line, when the cursor is after its colon. */
  valueOf?: string;
  /** Text typed so far at the cursor (key prefix or value prefix). */
  prefix: string;
  /** The key under the cursor (for hover), when on a key. */
  key?: string;
  apiVersion?: string;
  kind?: string;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)(["']?)([^"'#:\s][^"'#:]*?)\3\s*:(?:\s|$)/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

export function spanAt(text: string, offset: number): DocumentSpan {
  const spans = splitDocuments(text);
  let found = spans[0];
  for (const span of spans) if (span.startOffset <= offset) found = span;
  return found;
}

export function cursorContext(text: string, offset: number, position: Position): CursorContext {
  const span = spanAt(text, offset);
  const lines = span.text.split('\n');
  const lineIndex = position.line - span.startLine;
  const line = lines[lineIndex] ?? '';
  const before = line.slice(0, position.character);

  // The column where this line's own mapping content starts ("- " items open a new level).
  const dashes = /^(\s*)((?:-\s+)*)/.exec(line)!;
  let contentColumn = dashes[1].length + dashes[2].length;
  const path: (string | number)[] = [];
  let keyOnLine: string | undefined;
  const keyMatch = KEY_LINE.exec(line);
  if (keyMatch) keyOnLine = keyMatch[4];
  let valueOf: string | undefined;
  let prefix: string;
  const colon = keyMatch ? line.indexOf(':', keyMatch[1].length + keyMatch[2].length + keyMatch[4].length) : -1;
  if (keyMatch && colon >= 0 && position.character > colon) {
    valueOf = keyMatch[4];
    prefix = before
      .slice(colon + 1)
      .trimStart()
      .replace(/^["']/, '');
  } else {
    prefix = before.slice(contentColumn).trimStart();
  }
  // Leading dashes on the cursor's line: each is a list level inside the parent key.
  const dashCount = (dashes[2].match(/-/g) ?? []).length;
  for (let i = 0; i < dashCount; i++) path.unshift(0);
  if (!line.trim() && position.character < contentColumn) contentColumn = position.character;
  if (!line.trim()) contentColumn = Math.min(contentColumn, position.character);

  let threshold = dashCount ? dashes[1].length : contentColumn;
  let afterDash = dashCount > 0;
  for (let l = lineIndex - 1; l >= 0; l--) {
    const text = lines[l];
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (/^(---|\.\.\.)/.test(text)) break;
    const indent = indentOf(text);
    const match = KEY_LINE.exec(text);
    const lineDashes = match ? (match[2].match(/-/g) ?? []).length : /^\s*-(\s|$)/.test(text) ? 1 : 0;
    const keyColumn = match ? match[1].length + match[2].length : indent;
    if (afterDash) {
      // The key owning a list sits at a smaller indent, or at the same indent as its "- " items; it may
      // itself open an item of an outer list (`- matchExpressions:` over `  - key: …`).
      if (match && keyColumn <= threshold && text.trimEnd().endsWith(':')) {
        path.unshift(match[4]);
        for (let i = 0; i < lineDashes; i++) path.unshift(0);
        threshold = indent;
        afterDash = lineDashes > 0;
        continue;
      }
      if (indent < threshold && !match) continue;
      if (indent < threshold && lineDashes === 0 && match) {
        path.unshift(match[4]);
        threshold = indent;
        afterDash = false;
      }
      continue;
    }
    if (keyColumn < threshold && match) {
      // A key line that opens a mapping (nothing after the colon) is a parent.
      if (text.slice(text.indexOf(':', keyColumn) + 1).trim() === '' || text.trimEnd().endsWith(':')) {
        path.unshift(match[4]);
      }
      if (lineDashes > 0) {
        for (let i = 0; i < lineDashes; i++) path.unshift(0);
        threshold = indent;
        afterDash = true;
      } else {
        threshold = keyColumn;
      }
      if (threshold === 0 && !afterDash) break;
    } else if (lineDashes > 0 && indent < threshold) {
      for (let i = 0; i < lineDashes; i++) path.unshift(0);
      threshold = indent;
      afterDash = true;
    }
  }
  const apiVersion = /^apiVersion:\s*["']?([^\s"'#]+)/m.exec(span.text)?.[1];
  const kind = /^kind:\s*["']?([^\s"'#]+)/m.exec(span.text)?.[1];
  return { span, path, valueOf, prefix, key: valueOf ? undefined : keyOnLine, apiVersion, kind };
}
