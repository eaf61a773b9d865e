// Completion and hover in Chart.yaml: Helm's fields (top level, a dependency's, a maintainer's) with their
// meaning, and the values of the fields that take a fixed few. Read from the lines around the cursor, so it
// works while the file is half typed (not valid YAML yet).
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { CHART_FIELDS, type ChartField, DEPENDENCY_FIELDS, MAINTAINER_FIELDS } from '../chart-yaml';

/** The fields of the mapping a line at this indentation belongs to. */
function fieldsAt(lines: readonly string[], line: number, indent: number): { fields: Readonly<Record<string, ChartField>>; what: string } | undefined {
  if (indent === 0) return { fields: CHART_FIELDS, what: 'Chart.yaml' };
  for (let i = line - 1; i >= 0; i--) {
    const m = /^(\S[^:#]*):/.exec(lines[i]!);
    if (!m) continue;
    if (m[1] === 'dependencies') return { fields: DEPENDENCY_FIELDS, what: 'a dependency' };
    if (m[1] === 'maintainers') return { fields: MAINTAINER_FIELDS, what: 'a maintainer' };
    return undefined;
  }
  return undefined;
}

/** A line's key (after any `- `) and where it starts. */
function keyOf(text: string): { indent: number; key: string; start: number } | undefined {
  const m = /^(\s*)(- +)?([\w-]*)/.exec(text)!;
  const indent = m[1]!.length + (m[2]?.length ?? 0);
  return { indent, key: m[3]!, start: indent };
}

export function chartYamlCompletion(file: SourceFile, position: Position): CompletionItem[] {
  const lines = file.text.split('\n');
  const before = (lines[position.line] ?? '').slice(0, position.character);
  const value = /^(\s*)(?:- +)?([\w-]+):\s*(\S*)$/.exec(before);
  if (value) {
    const at = fieldsAt(lines, position.line, value[1]!.length + (/^\s*- /.test(before) ? 2 : 0));
    const field = at?.fields[value[2]!];
    return (field?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.Value, documentation: { kind: MarkupKind.Markdown, value: field!.doc } }));
  }
  if (!/^\s*(?:- +)?[\w-]*$/.test(before)) return [];
  const key = keyOf(before)!;
  const at = fieldsAt(lines, position.line, key.indent);
  if (!at) return [];
  const present = new Set(siblingKeys(lines, position.line, key.indent));
  return Object.entries(at.fields)
    .filter(([name, field]) => !field.deprecated && !present.has(name))
    .map(([name, field]) => ({
      label: name,
      kind: CompletionItemKind.Property,
      documentation: { kind: MarkupKind.Markdown, value: field.doc },
      insertText: field.values ? `${name}: \${1|${field.values.join(',')}|}` : `${name}: `,
      insertTextFormat: field.values ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    }));
}

/** The keys already written in the mapping around a line (the same indentation, up to a shallower line or a new list item). */
function siblingKeys(lines: readonly string[], line: number, indent: number): string[] {
  const keys: string[] = [];
  const scan = (i: number, step: number) => {
    for (; i >= 0 && i < lines.length; i += step) {
      const text = lines[i]!;
      if (!text.trim() || /^\s*#/.test(text)) continue;
      const k = keyOf(text)!;
      if (k.indent < indent) {
        if (step < 0 && /^\s*- /.test(text) && k.indent === indent) keys.push(k.key);
        return;
      }
      if (k.indent === indent) {
        keys.push(k.key);
        // A new list item starts another mapping.
        if (/^\s*- /.test(text) && (step > 0 || indent > 0)) return;
      }
    }
  };
  scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

export function chartYamlHover(file: SourceFile, position: Position): Hover | null {
  const lines = file.text.split('\n');
  const text = lines[position.line] ?? '';
  const key = keyOf(text);
  if (!key?.key || position.character < key.start || position.character > key.start + key.key.length || text[key.start + key.key.length] !== ':') return null;
  const field = fieldsAt(lines, position.line, key.indent)?.fields[key.key];
  if (!field) return null;
  const extra = field.deprecated ? `\n\n**Deprecated**: ${field.deprecated}` : field.values ? `\n\nOne of: ${field.values.map((v) => `\`${v}\``).join(', ')}.` : '';
  return {
    contents: { kind: MarkupKind.Markdown, value: `**${key.key}**\n\n${field.doc}${extra}` },
    range: { start: { line: position.line, character: key.start }, end: { line: position.line, character: key.start + key.key.length } },
  };
}
