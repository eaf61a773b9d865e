// Go to definition, find references and rename, for `.Values` keys (templates ↔ values files, across a chart
// tree in the root's coordinates) and named templates (`include "x"` ↔ `define "x"`).
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import { RequestRefused } from '../../core/refused';
import { pathToUri, type SourceFile } from '../../core/source';
import { scanned } from './chart-files';
import { definesIn, nameUses } from './defines';
import { chartModel, type ChartModel } from './model';
import { actionAt, nameRefs, tokenAt, valuesRef } from './scan';
import { prefixOf } from './chart-names';
import { rootKeys, startsWith, treeReads, treeValues } from './tree';
import { keyAt, valuesFile } from './values';

type Target = { kind: 'values'; keys: string[]; start: number; end: number } | { kind: 'name'; name: string; start: number; end: number };

/** What the cursor is on: a values key (in root coordinates) or a template name, with its span. */
function targetAt(file: SourceFile, offset: number, model: ChartModel, ctx: ServiceContext): Target | undefined {
  if (file.kind === 'helm-values') {
    const tree = treeValues(model, ctx).find((v) => v.file.path === file.path);
    const entry = keyAt(valuesFile(file.path, file.text), offset);
    return entry && tree ? { kind: 'values', keys: [...tree.prefix, ...entry.keys], start: entry.key[0], end: entry.key[1] } : undefined;
  }
  const action = actionAt(scanned(file.path, file.text), offset);
  const token = action && tokenAt(action, offset);
  if (!action || !token) return undefined;
  const ref = valuesRef(token);
  if (ref) {
    const index = ref.spans.findIndex(([s, e]) => s <= offset && offset <= e);
    if (index < 0 || !ref.keys[index]) return undefined;
    const keys = rootKeys(prefixOf(model.own, model.root, ctx), ref.keys.slice(0, index + 1));
    return { kind: 'values', keys, start: ref.spans[index]![0], end: ref.spans[index]![1] };
  }
  const name = nameRefs([action]).find((r) => r.start <= offset && offset <= r.end);
  return name ? { kind: 'name', name: name.name, start: name.start, end: name.end } : undefined;
}

/** Each place a target is written, as path and offsets; `declaration` for values keys and defines. */
interface Place {
  path: string;
  text: string;
  start: number;
  end: number;
  declaration: boolean;
}

function places(target: Target, model: ChartModel, ctx: ServiceContext): Place[] {
  const out: Place[] = [];
  if (target.kind === 'name') {
    for (const { file, ref } of nameUses(model.templates(), target.name)) out.push({ path: file.path, text: file.text, start: ref.start, end: ref.end, declaration: ref.declaration });
    return out;
  }
  const depth = target.keys.length - 1;
  for (const values of treeValues(model, ctx)) {
    const entry = values.file.byPath.get(target.keys.slice(values.prefix.length).join('.'));
    if (startsWith(target.keys, values.prefix) && entry) out.push({ path: values.file.path, text: values.file.text, start: entry.key[0], end: entry.key[1], declaration: true });
  }
  for (const read of treeReads(model, ctx)) {
    if (!startsWith(read.keys, target.keys)) continue;
    // The span of the target's last key in this reference.
    const index = depth - (read.keys.length - read.ref.keys.length);
    const span = read.ref.spans[index];
    if (span) out.push({ path: read.file.path, text: read.file.text, start: span[0], end: span[1], declaration: false });
  }
  return out;
}

const lineStarts = new Map<string, number[]>();

/** The LSP position of a string offset of a file's text (string offsets are UTF-16, as LSP's characters). */
function positionIn(text: string, offset: number): Position {
  let starts = lineStarts.get(text);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    if (lineStarts.size > 64) lineStarts.clear();
    lineStarts.set(text, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

function location(place: Place): Location {
  return { uri: pathToUri(place.path), range: { start: positionIn(place.text, place.start), end: positionIn(place.text, place.end) } };
}

function resolved(file: SourceFile, position: Position, ctx: ServiceContext): { model: ChartModel; target: Target } | undefined {
  const model = chartModel(file.path, ctx);
  const target = model && targetAt(file, file.document.offsetAt(position), model, ctx);
  return model && target ? { model, target } : undefined;
}

export function templateDefinition(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const found = resolved(file, position, ctx);
  if (!found) return null;
  const { model, target } = found;
  if (target.kind === 'name') {
    const defines = definesIn(model.templates()).filter((d) => d.name === target.name);
    return defines.map((d) => location({ path: d.file.path, text: d.file.text, start: d.start, end: d.end, declaration: true }));
  }
  // The key in each values file that sets it; else the nearest key above it that is set.
  for (let depth = target.keys.length; depth > 0; depth--) {
    const keys = target.keys.slice(0, depth);
    const set = places({ ...target, keys }, model, ctx).filter((p) => p.declaration);
    if (set.length) return set.map(location);
  }
  return [];
}

export function templateReferences(file: SourceFile, position: Position, ctx: ServiceContext, includeDeclaration = true): Location[] | null {
  const found = resolved(file, position, ctx);
  if (!found) return null;
  return places(found.target, found.model, ctx)
    .filter((p) => includeDeclaration || !p.declaration)
    .map(location);
}

export function templatePrepareRename(file: SourceFile, position: Position, ctx: ServiceContext): Range | null {
  const found = resolved(file, position, ctx);
  if (!found) return null;
  return { start: file.document.positionAt(found.target.start), end: file.document.positionAt(found.target.end) };
}

const VALUES_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TEMPLATE_NAME = /^[^"\\\n]+$/;

export function templateRename(file: SourceFile, position: Position, newName: string, ctx: ServiceContext): WorkspaceEdit | null {
  const found = resolved(file, position, ctx);
  if (!found) return null;
  // A key a template reads as `.Values.x` must be a Go identifier; a name is any text a quoted string holds.
  const valid = found.target.kind === 'values' ? VALUES_KEY : TEMPLATE_NAME;
  if (!valid.test(newName))
    throw new RequestRefused(
      found.target.kind === 'values' ? `"${newName}" cannot be read as .Values.${newName}: a values key templates read by name is letters, digits and _.` : `"${newName}" is not a template name: no quotes, backslashes or newlines.`,
    );
  const changes: Record<string, TextEdit[]> = {};
  for (const place of places(found.target, found.model, ctx)) {
    const { uri, range } = location(place);
    (changes[uri] ??= []).push({ range, newText: newName });
  }
  return { changes };
}
