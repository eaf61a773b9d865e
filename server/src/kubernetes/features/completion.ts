import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { bundledKindNames } from '../crd/bundled';
import { targetOf } from '../engine';
import { workspaceObjects } from '../model/objects';
import { enumFor } from '../schema/enums';
import { apiChange } from '../validation/api-versions';
import { servedBy } from '../rules/api-not-enabled';
import { cursorContext } from './context-path';
import { forYaml } from './description';
import { schemaAt, typeLabel, deref } from './schema-at';

/** Which kind of object a `name` field points at, by the field that holds it. */
const NAME_TARGETS: Record<string, string> = {
  configMapRef: 'ConfigMap',
  configMapKeyRef: 'ConfigMap',
  configMap: 'ConfigMap',
  secretRef: 'Secret',
  secretKeyRef: 'Secret',
  secret: 'Secret',
  persistentVolumeClaim: 'PersistentVolumeClaim',
  service: 'Service',
  imagePullSecrets: 'Secret',
};

export function completion(file: SourceFile, position: Position, ctx: ServiceContext): CompletionItem[] {
  const offset = file.document.offsetAt(position);
  const cursor = cursorContext(file.text, offset, position);
  const target = targetOf(file, ctx);
  const top = cursor.path.length === 0;

  if (top && cursor.valueOf === 'apiVersion') {
    const versions = new Set(target.schemas.kinds().map((k) => k.slice(0, k.lastIndexOf('/'))));
    for (const crd of target.crds.all()) versions.add(crd.apiVersion);
    for (const crd of bundledKindNames()) if (!target.crds.defines(crd.apiVersion)) versions.add(crd.apiVersion);
    return [...versions].sort().map((v) => ({ label: v, kind: CompletionItemKind.Module }));
  }
  if (top && cursor.valueOf === 'kind') {
    const pairs = target.schemas.kinds().map((k) => ({ apiVersion: k.slice(0, k.lastIndexOf('/')), kind: k.slice(k.lastIndexOf('/') + 1) }));
    for (const crd of target.crds.all()) pairs.push({ apiVersion: crd.apiVersion, kind: crd.kind });
    for (const crd of bundledKindNames()) if (!target.crds.defines(crd.apiVersion)) pairs.push(crd);
    const matching = cursor.apiVersion ? pairs.filter((p) => p.apiVersion === cursor.apiVersion) : pairs;
    // Kinds the target's API server does not serve (removed/deprecated, or off unless enabled) sort last.
    return matching.map((p) => {
      const off = servedBy(target.schemas, target.version, p.apiVersion, p.kind, target.cluster)?.served === false;
      return {
        label: p.kind,
        detail: off ? `${p.apiVersion} (not served unless enabled)` : p.apiVersion,
        kind: CompletionItemKind.Class,
        sortText: `${apiChange(p.apiVersion, p.kind) || off ? '1' : '0'}${p.kind}`,
      };
    });
  }

  if (cursor.valueOf) {
    const holder = cursor.path[cursor.path.length - 1];
    const parentKey = typeof holder === 'number' ? cursor.path[cursor.path.length - 2] : holder;
    const nameField = cursor.valueOf === 'name' || cursor.valueOf === 'claimName' || cursor.valueOf === 'secretName';
    const targetKind = nameField && typeof parentKey === 'string' ? NAME_TARGETS[parentKey] : undefined;
    if (targetKind) {
      const names = new Set<string>();
      for (const object of workspaceObjects(ctx.workspace)) if (object.kind === targetKind) names.add(object.name);
      return [...names].sort().map((name) => ({ label: name, kind: CompletionItemKind.Reference, detail: targetKind }));
    }
    const at = schemaAt(target, cursor.apiVersion, cursor.kind, [...cursor.path, cursor.valueOf]);
    if (!at) return [];
    const values = at.node.e ?? enumFor(at.parentDefinition, cursor.valueOf);
    if (values) return values.map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember }));
    if (at.node.t === 'boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Value }));
    return [];
  }

  // `- |` in a list of scalars (accessModes, ipFamilies, a CRD's enum items): the values allowed.
  const lineBefore = file.text.slice(file.document.offsetAt({ line: position.line, character: 0 }), offset);
  if (typeof cursor.path[cursor.path.length - 1] === 'number' && /^\s*-\s+[^:#]*$/.test(lineBefore)) {
    const item = schemaAt(target, cursor.apiVersion, cursor.kind, cursor.path);
    if (item && !item.node.p && item.node.t !== 'object' && item.node.t !== 'map') {
      const values = item.node.e ?? (item.field ? enumFor(item.parentDefinition, item.field) : undefined);
      return (values ?? []).map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember }));
    }
  }

  if (top && !cursor.apiVersion) {
    return [
      { label: 'apiVersion', insertText: 'apiVersion: ', kind: CompletionItemKind.Property },
      { label: 'kind', insertText: 'kind: ', kind: CompletionItemKind.Property },
    ];
  }
  const at = schemaAt(target, cursor.apiVersion, cursor.kind, cursor.path);
  if (!at?.node.p) return [];
  const present = presentKeys(file, cursor, position);
  const items: CompletionItem[] = [];
  for (const [key, child] of Object.entries(at.node.p)) {
    if (present.has(key)) continue;
    const resolved = deref(target, child)?.node ?? child;
    const required = at.node.r?.includes(key);
    const block = resolved.t === 'object' || resolved.t === 'map' || resolved.t === 'array';
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(target, resolved)}${required ? ' (required)' : ''}`,
      documentation: child.d ? { kind: MarkupKind.Markdown, value: forYaml(child.d) } : undefined,
      sortText: `${required ? '0' : '1'}${key}`,
      insertText: block ? `${key}:\n${' '.repeat(position.character - cursor.prefix.length + 2)}${resolved.t === 'array' ? '- ' : ''}$0` : `${key}: $0`,
      insertTextFormat: InsertTextFormat.Snippet,
    });
  }
  return items;
}

/** Keys already present at the cursor's level (same indentation, same block). */
function presentKeys(file: SourceFile, cursor: ReturnType<typeof cursorContext>, position: Position): Set<string> {
  // Only this document's lines: a 5,000-line file is never split whole on a keystroke.
  const lines = cursor.span.text.split('\n');
  const current = position.line - cursor.span.startLine;
  const line = lines[current] ?? '';
  const column = position.character - cursor.prefix.length;
  const keys = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let l = from; l >= 0 && l < lines.length; l += step) {
      const text = lines[l];
      if (!text.trim() || text.trim().startsWith('#')) continue;
      if (/^(---|\.\.\.)/.test(text)) break;
      const indent = text.length - text.trimStart().length;
      const match = /^\s*(?:-\s+)?([^:#\s]+)\s*:/.exec(text);
      const keyColumn = match ? text.indexOf(match[1]) : indent;
      if (keyColumn < column) break;
      if (keyColumn === column && match) keys.add(match[1]);
    }
  };
  void file;
  if (line.trim()) keys.delete(cursor.prefix);
  scan(current - 1, -1);
  scan(current + 1, 1);
  return keys;
}
