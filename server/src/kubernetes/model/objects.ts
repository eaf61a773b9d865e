import type { Range } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import type { Workspace } from '../../core/workspace';
import { rangeOfPath } from '../../yaml/parse';
import { isRecord, manifestDocuments, type ManifestDocument } from './documents';
import { getPath, podSpecOf } from '../validation/pod-spec';

/** One object declared in the workspace, with what cross-file checks need. */
export interface DeclaredObject {
  uri: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Labels of the pods it runs (template labels; a Pod's own labels). */
  podLabels?: Record<string, unknown>;
  /** Range of metadata.name in the file. */
  range: Range;
}

const perFile = new WeakMap<SourceFile, DeclaredObject[]>();

export function objectsOfDocument(doc: ManifestDocument, uri: string): DeclaredObject | undefined {
  if (!doc.value || !doc.kind || !doc.name) return undefined;
  const local = rangeOfPath(doc.local, doc.yaml, ['metadata', 'name']);
  const range = { start: { line: local.start.line + doc.startLine, character: local.start.character }, end: { line: local.end.line + doc.startLine, character: local.end.character } };
  const pod = podSpecOf(doc.kind, doc.value);
  let podLabels: Record<string, unknown> | undefined;
  if (doc.kind === 'Pod') podLabels = asRecord(getPath(doc.value, ['metadata', 'labels']));
  else if (pod?.templatePath) podLabels = asRecord(getPath(doc.value, [...pod.templatePath, 'metadata', 'labels']));
  return { uri, kind: doc.kind, name: doc.name, namespace: doc.namespace, podLabels, range };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

export function objectsOfFile(file: SourceFile): DeclaredObject[] {
  let objects = perFile.get(file);
  if (!objects) {
    objects = [];
    for (const doc of manifestDocuments(file.text)) {
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
