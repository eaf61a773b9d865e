// Which kustomizations' builds read a file. A build reads the root kustomization, every file its entries
// name (resources, patches, generator files) and, through folders it lists as resources or components,
// their kustomizations in turn. An edit to any of those files re-builds the roots that reach it.
import * as path from 'node:path';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { KUSTOMIZATION_NAMES, kustomizationOf, type Kustomization } from './model';

export interface KustomizeGraph {
  /** The roots (kustomizations no other one of the workspace uses) whose builds read `filePath`. */
  rootsReading(filePath: string): Kustomization[];
  /** Every file a root's build reads that the workspace knows of (kustomizations, resources, patches, generator files). */
  filesOf(root: string): ReadonlySet<string>;
  /** The kustomizations a root's build reads, the root first. */
  kustomizationsOf(root: string): Kustomization[];
}

const byRevision = new WeakMap<Workspace, { revision: number; graph: KustomizeGraph }>();

/** The graph of the workspace's kustomizations, kept per workspace revision (as the object index is). */
export function kustomizeGraph(workspace: Workspace, revision: number | undefined): KustomizeGraph {
  const last = byRevision.get(workspace);
  if (revision !== undefined && last?.revision === revision) return last.graph;
  const graph = buildGraph(workspace.files());
  if (revision !== undefined) byRevision.set(workspace, { revision, graph });
  return graph;
}

function buildGraph(files: Iterable<SourceFile>): KustomizeGraph {
  const byDir = new Map<string, Kustomization>();
  for (const file of files) {
    if (file.kind !== 'kustomization' || !file.path) continue;
    const kustomization = kustomizationOf(file);
    const dir = path.dirname(file.path);
    // kustomize takes the first name of its list a folder has.
    const previous = byDir.get(dir);
    if (kustomization && (!previous || rank(file.path) < rank(previous.file.path))) byDir.set(dir, kustomization);
  }
  const used = new Set<string>();
  for (const k of byDir.values()) for (const entry of k.entries) if (entry.role === 'resource' || entry.role === 'component') used.add(entry.absolute);
  const closures = new Map<string, { files: Set<string>; kustomizations: Kustomization[] }>();
  const readers = new Map<string, Kustomization[]>();
  for (const [dir, root] of byDir) {
    if (used.has(dir)) continue;
    const closure = { files: new Set<string>(), kustomizations: [] as Kustomization[] };
    // A cycle is KustomizeCycle's to report: each folder is visited once.
    const seen = new Set<string>();
    const visit = (k: Kustomization) => {
      const here = path.dirname(k.file.path);
      if (seen.has(here)) return;
      seen.add(here);
      closure.kustomizations.push(k);
      closure.files.add(k.file.path);
      for (const entry of k.entries) {
        const folder = byDir.get(entry.absolute);
        if (folder && (entry.role === 'resource' || entry.role === 'component')) visit(folder);
        else closure.files.add(entry.absolute);
      }
    };
    visit(root);
    closures.set(root.file.path, closure);
    for (const file of closure.files) {
      let list = readers.get(file);
      if (!list) readers.set(file, (list = []));
      list.push(root);
    }
  }
  return {
    rootsReading: (filePath) => readers.get(filePath) ?? [],
    filesOf: (root) => closures.get(root)?.files ?? new Set(),
    kustomizationsOf: (root) => closures.get(root)?.kustomizations ?? [],
  };
}

function rank(filePath: string): number {
  return (KUSTOMIZATION_NAMES as readonly string[]).indexOf(path.basename(filePath));
}
