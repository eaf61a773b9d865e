import type { Location, Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { rangeOfPath } from '../../yaml/parse';
import { documentsOf, isRecord } from '../model/documents';
import { sameNamespace, workspaceObjects } from '../model/objects';
import { mapSelectorMatches } from '../validation/selectors';
import { referencesOf, type Reference } from '../validation/references';

interface ReferenceAt {
  uri: string;
  reference: Reference;
  range: Location['range'];
}

/** Every reference (ConfigMap/Secret/PVC names) made by pod specs in the workspace. */
function* workspaceReferences(ctx: ServiceContext, file: SourceFile): Iterable<ReferenceAt> {
  const files = [file, ...[...ctx.workspace.files()].filter((f) => f.uri !== file.uri && f.kind === 'kubernetes')];
  for (const source of files) {
    for (const doc of documentsOf(source)) {
      if (!doc.value || !doc.kind) continue;
      for (const reference of referencesOf(doc.kind, doc.value)) {
        const local = rangeOfPath(doc.local, doc.yaml, reference.path);
        yield { uri: source.uri, reference, range: { start: { line: local.start.line + doc.startLine, character: local.start.character }, end: { line: local.end.line + doc.startLine, character: local.end.character } } };
      }
    }
  }
}

function contains(range: Location['range'], position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** From a Service's selector to the workloads whose pods it selects. */
function selectedWorkloads(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  for (const doc of documentsOf(file)) {
    if (doc.kind !== 'Service' || !doc.value) continue;
    const selector = (doc.value.spec as { selector?: unknown } | undefined)?.selector;
    if (!isRecord(selector) || !Object.keys(selector).length) continue;
    const local = rangeOfPath(doc.local, doc.yaml, ['spec', 'selector']);
    const key = rangeOfPath(doc.local, doc.yaml, ['spec', 'selector'], 'key');
    const range = { start: { line: key.start.line + doc.startLine, character: 0 }, end: { line: local.end.line + doc.startLine, character: local.end.character } };
    if (!contains(range, position)) continue;
    return [...workspaceObjects(ctx.workspace)].filter((o) => o.podLabels && sameNamespace(o.namespace, doc.namespace) && mapSelectorMatches(selector, o.podLabels)).map((o) => ({ uri: o.uri, range: o.range }));
  }
  return null;
}

/** From a configMapRef/secretRef/claimName to the object that declares it; from a Service selector to its workloads. */
export function definition(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const workloads = selectedWorkloads(file, position, ctx);
  if (workloads) return workloads;
  for (const ref of workspaceReferences(ctx, file)) {
    if (ref.uri !== file.uri || !contains(ref.range, position)) continue;
    const targets = [...workspaceObjects(ctx.workspace)].filter((o) => o.kind === ref.reference.kind && o.name === ref.reference.name);
    return targets.map((o) => ({ uri: o.uri, range: o.range }));
  }
  return null;
}

/** From an object's metadata.name to every pod spec that references it. */
export function references(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null {
  const declared = [...workspaceObjects(ctx.workspace)].find((o) => o.uri === file.uri && contains(o.range, position));
  const self = declared ?? objectAt(file, position);
  if (!self) {
    // On a reference: its siblings (every use of the same name) and the declaration.
    for (const ref of workspaceReferences(ctx, file)) {
      if (ref.uri === file.uri && contains(ref.range, position)) {
        return [...workspaceReferences(ctx, file)].filter((r) => r.reference.kind === ref.reference.kind && r.reference.name === ref.reference.name).map((r) => ({ uri: r.uri, range: r.range }));
      }
    }
    return null;
  }
  return [...workspaceReferences(ctx, file)].filter((r) => r.reference.kind === self.kind && r.reference.name === self.name).map((r) => ({ uri: r.uri, range: r.range }));
}

function objectAt(file: SourceFile, position: Position) {
  for (const doc of documentsOf(file)) {
    if (!doc.kind || !doc.name) continue;
    const local = rangeOfPath(doc.local, doc.yaml, ['metadata', 'name']);
    const range = { start: { line: local.start.line + doc.startLine, character: local.start.character }, end: { line: local.end.line + doc.startLine, character: local.end.character } };
    if (contains(range, position)) return { kind: doc.kind, name: doc.name };
  }
  return undefined;
}
