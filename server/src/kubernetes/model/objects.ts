import type { Range } from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import type { SourceFile } from '../../core/source';
import type { Workspace } from '../../core/workspace';
import { rangeOfPath } from '../../yaml/parse';
import { documentsOf, isRecord, type ManifestDocument } from './documents';
import { getPath, podSpecOf } from '../validation/pod-spec';

/** What a document declares, wherever it sits in its file: all that cross-file rules compare. */
export interface Declaration {
  kind: string;
  name: string;
  namespace?: string;
  /** Labels of the pods it runs (template labels; a Pod's own labels). */
  podLabels?: Record<string, unknown>;
}

/** One object declared in the workspace, with where (for definition, references and completion). */
export interface DeclaredObject extends Declaration {
  uri: string;
  /** Range of metadata.name in the file. */
  range: Range;
}

const perFile = new WeakMap<SourceFile, DeclaredObject[]>();

/** Kept per parsed tree, so an edit derives only its own document's. */
const perTree = new WeakMap<Document.Parsed, Declaration | null>();

export function declarationOf(doc: ManifestDocument): Declaration | undefined {
  let declaration = perTree.get(doc.yaml);
  if (declaration === undefined) {
    declaration = declaredBy(doc);
    perTree.set(doc.yaml, declaration);
  }
  return declaration ?? undefined;
}

export function objectsOfDocument(doc: ManifestDocument, uri: string): DeclaredObject | undefined {
  const declared = declarationOf(doc);
  if (!declared) return undefined;
  const { start, end } = rangeOfPath(doc.local, doc.yaml, ['metadata', 'name']);
  // Spelled out: Node 20 takes a slow path for `{ ...declared, uri }` (see placed() in documents.ts).
  return {
    uri,
    kind: declared.kind,
    name: declared.name,
    namespace: declared.namespace,
    podLabels: declared.podLabels,
    range: { start: { line: start.line + doc.startLine, character: start.character }, end: { line: end.line + doc.startLine, character: end.character } },
  };
}

function declaredBy(doc: ManifestDocument): Declaration | null {
  if (!doc.value || !doc.kind || !doc.name) return null;
  const pod = podSpecOf(doc.kind, doc.value);
  let podLabels: Record<string, unknown> | undefined;
  if (doc.kind === 'Pod') podLabels = asRecord(getPath(doc.value, ['metadata', 'labels']));
  else if (pod?.templatePath) podLabels = asRecord(getPath(doc.value, [...pod.templatePath, 'metadata', 'labels']));
  return { kind: doc.kind, name: doc.name, namespace: doc.namespace, podLabels };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function objectsOfFile(file: SourceFile): DeclaredObject[] {
  let objects = perFile.get(file);
  if (!objects) {
    objects = [];
    for (const doc of documentsOf(file)) {
      const object = objectsOfDocument(doc, file.uri);
      if (object) objects.push(object);
    }
    perFile.set(file, objects);
  }
  return objects;
}

/** Every object of the workspace's Kubernetes files. */
export function* workspaceObjects(source: Workspace | Iterable<SourceFile>): Iterable<DeclaredObject> {
  const files = 'files' in source ? source.files() : source;
  for (const file of files) {
    if (file.kind === 'kubernetes') yield* objectsOfFile(file);
  }
}

/** Namespaces match when equal or when either side leaves it to the apply-time default. */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return !a || !b || a === b;
}
