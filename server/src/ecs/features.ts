import { findNodeAtOffset, getLocation, getNodePath } from 'jsonc-parser';
import { type CompletionItem, CompletionItemKind, type DocumentSymbol, type Hover, MarkupKind, type Position, SymbolKind } from 'vscode-languageserver-types';
import type { SourceFile } from '../core/source';
import { type JsonNode, nodeRange } from '../json/parse';
import { items, property, propertyNode, stringAt, taskDefinitionOf } from './model';
import { type EcsShape, jsonTypeOf, MODEL_SOURCE } from './schema';
import { shapeAtPath } from './shape-path';

function describeShape(name: string, shape: EcsShape): string {
  const type = shape.type === 'list' || shape.type === 'map' || shape.type === 'structure' ? `${shape.type} ${name}` : jsonTypeOf(shape);
  const bounds = [shape.min !== undefined ? `min ${shape.min}` : '', shape.max !== undefined ? `max ${shape.max}` : ''].filter(Boolean).join(', ');
  const values = shape.enum ? `: ${shape.enum.map((v) => `\`${v}\``).join(' | ')}` : '';
  return `${type}${values}${bounds ? ` (${bounds})` : ''}`;
}

/** Hover on a key: the member's documentation from the model, its type, enum and bounds. */
export function hover(file: SourceFile, position: Position): Hover | null {
  const def = taskDefinitionOf(file);
  const root = def.parsed.root;
  if (!root) return null;
  const node = findNodeAtOffset(root, file.document.offsetAt(position), true);
  if (!node) return null;
  // A key's hover documents the member it names; a value's, the member it is the value of.
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (!property) return null;
  const path = getNodePath(property.children![0]);
  const at = shapeAtPath(path);
  if (!at) return null;
  const name = path[path.length - 1];
  const doc = at.member?.doc ?? at.shape.doc ?? '';
  const deprecated = at.member?.deprecated ? `\n\n**Deprecated**${typeof at.member.deprecated === 'string' ? `: ${at.member.deprecated}` : ''}` : '';
  const value = `**${String(name)}**: ${describeShape(at.name, at.shape)}${deprecated}\n\n${doc}\n\n_${MODEL_SOURCE}_`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: nodeRange(file.document, property.children![0]) };
}

/** Member names where a key goes, enum values and booleans where a value goes. */
export function completion(file: SourceFile, position: Position): CompletionItem[] {
  const text = file.text;
  const offset = file.document.offsetAt(position);
  const location = getLocation(text, offset);
  const previous = location.previousNode;
  const replace =
    previous && (previous.type === 'string' || previous.type === 'number' || previous.type === 'boolean') && previous.offset <= offset && offset <= previous.offset + previous.length ? nodeRange(file.document, previous) : undefined;
  if (location.isAtPropertyKey) {
    const at = shapeAtPath(location.path.slice(0, -1));
    if (at?.shape.type !== 'structure') return [];
    const object = objectAt(file, location.path.slice(0, -1));
    const present = new Set((object?.children ?? []).map((p) => p.children?.[0]?.value));
    const required = new Set(at.shape.required ?? []);
    return Object.entries(at.shape.members ?? {})
      .filter(([name]) => !present.has(name) || name === previous?.value)
      .map(([name, ref]) => {
        const insert = replace ? `"${name}"` : `"${name}": `;
        return {
          label: name,
          kind: CompletionItemKind.Property,
          detail: `${required.has(name) ? 'required ' : ''}${ref.shape}`,
          documentation: ref.doc ? { kind: MarkupKind.Markdown, value: ref.doc } : undefined,
          tags: ref.deprecated ? [1] : undefined,
          sortText: `${required.has(name) ? 0 : 1}${name}`,
          ...(replace ? { textEdit: { range: replace, newText: insert } } : { insertText: insert }),
        } satisfies CompletionItem;
      });
  }
  const at = shapeAtPath(location.path);
  if (!at) return [];
  const values = at.shape.enum ? at.shape.enum.map((v) => `"${v}"`) : at.shape.type === 'boolean' ? ['true', 'false'] : [];
  return values.map((value) => ({ label: value, kind: CompletionItemKind.EnumMember, detail: at.name, ...(replace ? { textEdit: { range: replace, newText: value } } : { insertText: value }) }));
}

function objectAt(file: SourceFile, path: (string | number)[]): JsonNode | undefined {
  let node = taskDefinitionOf(file).parsed.root;
  for (const step of path) {
    if (!node) return undefined;
    node = typeof step === 'number' ? node.children?.[step] : property(node, step);
  }
  return node;
}

/** The family, its containers (with their image), and its volumes. */
export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  const def = taskDefinitionOf(file);
  const root = def.root;
  if (!root) return [];
  const document = file.document;
  const range = (node: JsonNode) => nodeRange(document, node);
  const containers: DocumentSymbol[] = def.containers.map((c) => {
    const nameNode = propertyNode(c.node, 'name')?.children?.[0];
    return { name: c.name ?? `container ${c.index + 1}`, detail: stringAt(c.node, 'image'), kind: SymbolKind.Object, range: range(c.node), selectionRange: range(nameNode ?? c.node) };
  });
  const volumes: DocumentSymbol[] = items(property(root, 'volumes')).flatMap((v) => {
    const name = stringAt(v, 'name');
    return name ? [{ name, detail: 'volume', kind: SymbolKind.Field, range: range(v), selectionRange: range(propertyNode(v, 'name')!.children![0]) }] : [];
  });
  const familyKey = propertyNode(root, 'family')?.children?.[0];
  return [{ name: stringAt(root, 'family') ?? 'task definition', detail: 'ECS task definition', kind: SymbolKind.Module, range: range(root), selectionRange: range(familyKey ?? root), children: [...containers, ...volumes] }];
}
