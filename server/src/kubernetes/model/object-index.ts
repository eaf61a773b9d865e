import type { SourceFile } from '../../core/source';
import { mapSelectorMatches } from '../validation/selectors';
import { documentsOf } from './documents';
import { declarationOf, sameNamespace, type Declaration } from './objects';

/**
 * Lookups over what the workspace's manifests declare, for cross-file rules: a lookup per document rather
 * than a pass over every object (in a 2,000-document file that pass, once per Service, was most of an
 * edit's cost). The index is kept while no file's declarations change, so typing in a file costs no
 * rebuild, and a cross-file finding stays valid as long as its document and this index are the same.
 */
export interface ObjectIndex {
  /** An object of this kind and name in a matching namespace (sameNamespace) is declared somewhere. */
  declares(kind: string, name: string, namespace: string | undefined): boolean;
  /** How many objects run pods (have pod labels). */
  readonly workloads: number;
  /** Some object's pods, in a matching namespace, carry every pair of a Service-style selector. */
  selects(selector: Record<string, unknown>, namespace: string | undefined): boolean;
}

/**
 * The index over `file` and every Kubernetes file of `files` (the file need not be among them). `revision`
 * (Workspace.revisionFor): `file` is one of `files`, which are what they were for the last call with it, so
 * that call's index answers without a walk over the workspace (the workspace pass checks thousands in turn).
 */
export function workspaceIndex(file: SourceFile, files: Iterable<SourceFile>, revision?: number): ObjectIndex {
  if (revision !== undefined && last?.revision === revision) return last.index;
  const parts = new Set<readonly Declaration[]>();
  if (file.kind === 'kubernetes') parts.add(declarationsOf(file));
  for (const other of files) if (other.kind === 'kubernetes' && other.uri !== file.uri) parts.add(declarationsOf(other));
  // Order does not matter to an index: two open files validated in turn share it.
  if (last && last.parts.size === parts.size && [...parts].every((part) => last!.parts.has(part))) {
    if (revision !== undefined) last.revision = revision;
    return last.index;
  }
  const index = build(parts);
  // A file outside the workspace's files (a closed file past the index's cap) keeps the members' index cached.
  if (revision !== undefined || last?.revision === undefined) last = { parts, index, revision };
  return index;
}

let last: { parts: Set<readonly Declaration[]>; index: ObjectIndex; revision: number | undefined } | undefined;
const perFile = new WeakMap<SourceFile, readonly Declaration[]>();
const perLineage = new WeakMap<object, readonly Declaration[]>();

/**
 * A file's declarations in document order. An open document's version whose declarations equal the
 * previous version's (an edit to a replica count, an image) returns that previous list itself.
 */
export function declarationsOf(file: SourceFile): readonly Declaration[] {
  let list = perFile.get(file);
  if (list) return list;
  const fresh: Declaration[] = [];
  for (const doc of documentsOf(file)) {
    const declaration = declarationOf(doc);
    if (declaration) fresh.push(declaration);
  }
  const previous = file.lineage && perLineage.get(file.lineage);
  list = previous && previous.length === fresh.length && previous.every((d, i) => sameDeclaration(d, fresh[i])) ? previous : fresh;
  if (file.lineage) perLineage.set(file.lineage, list);
  perFile.set(file, list);
  return list;
}

function sameDeclaration(a: Declaration, b: Declaration): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.name !== b.name || a.namespace !== b.namespace) return false;
  if (!a.podLabels || !b.podLabels) return a.podLabels === b.podLabels;
  const keys = Object.keys(a.podLabels);
  return keys.length === Object.keys(b.podLabels).length && keys.every((key) => Object.hasOwn(b.podLabels!, key) && String(a.podLabels![key]) === String(b.podLabels![key]));
}

function build(parts: Iterable<readonly Declaration[]>): ObjectIndex {
  // kind → name → the namespaces it is declared in (undefined: left to the apply-time default).
  const names = new Map<string, Map<string, (string | undefined)[]>>();
  // Workloads by each label pair of their pods (key → value → workloads): a selector's first pair narrows the candidates.
  const byLabel = new Map<string, Map<string, Declaration[]>>();
  const workloads: Declaration[] = [];
  for (const part of parts) {
    for (const declared of part) {
      push(inner(names, declared.kind), declared.name, declared.namespace);
      if (!declared.podLabels) continue;
      workloads.push(declared);
      for (const [key, value] of Object.entries(declared.podLabels)) push(inner(byLabel, key), String(value), declared);
    }
  }
  return {
    workloads: workloads.length,
    declares: (kind, name, namespace) =>
      names
        .get(kind)
        ?.get(name)
        ?.some((ns) => sameNamespace(ns, namespace)) ?? false,
    selects(selector, namespace) {
      const first = Object.entries(selector)[0];
      const candidates = first ? (byLabel.get(first[0])?.get(String(first[1])) ?? []) : workloads;
      return candidates.some((declared) => sameNamespace(declared.namespace, namespace) && mapSelectorMatches(selector, declared.podLabels!));
    },
  };
}

function inner<T>(map: Map<string, Map<string, T[]>>, key: string): Map<string, T[]> {
  let found = map.get(key);
  if (!found) map.set(key, (found = new Map()));
  return found;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
