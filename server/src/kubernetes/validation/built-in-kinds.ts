import { closest } from '../../core/suggest';
import { bundledVersions, minorOf, schemasFor } from '../schema/store';
import { removal } from './api-versions';

export interface NoSuchKind {
  message: string;
  /** The corrected kind (the quick fix replaces the kind with it), or the apiVersion that has the kind. */
  fix?: { kind: string } | { apiVersion: string };
}

interface GroupKinds {
  /** apiVersion → kinds any bundled version serves there. */
  byVersion: Map<string, Set<string>>;
  /** group → kinds of any of its versions. */
  byGroup: Map<string, Set<string>>;
}

let known: GroupKinds | undefined;

/** Every built-in apiVersion/kind of the bundled versions (built once: the bundled data does not change). */
function builtIns(): GroupKinds {
  if (known) return known;
  const byVersion = new Map<string, Set<string>>();
  const byGroup = new Map<string, Set<string>>();
  for (const version of bundledVersions()) {
    for (const key of schemasFor(version).kinds()) {
      const slash = key.lastIndexOf('/');
      const apiVersion = key.slice(0, slash);
      const kind = key.slice(slash + 1);
      const add = (map: Map<string, Set<string>>, k: string) => (map.get(k) ?? map.set(k, new Set()).get(k)!).add(kind);
      add(byVersion, apiVersion);
      add(byGroup, groupOf(apiVersion));
    }
  }
  known = { byVersion, byGroup };
  return known;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * A kind no bundled Kubernetes version has in this built-in group: kube-apiserver has no such resource
 * ("no matches for kind"), so the object cannot be created. Kinds the group has in another version are
 * left to the removed / not-yet-served checks; groups that are not built in (CRDs, aggregated APIs) are
 * only unknown. Kinds are case-sensitive.
 */
export function noSuchKind(apiVersion: string, kind: string): NoSuchKind | undefined {
  const { byVersion, byGroup } = builtIns();
  const group = groupOf(apiVersion);
  const inGroup = byGroup.get(group);
  if (!inGroup || inGroup.has(kind)) return undefined;
  const here = byVersion.get(apiVersion) ?? inGroup;
  const sameLetters = [...here].find((k) => k.toLowerCase() === kind.toLowerCase()) ?? [...inGroup].find((k) => k.toLowerCase() === kind.toLowerCase());
  const where = `${apiVersion} (Kubernetes API group ${group ? `"${group}"` : 'core'})`;
  if (sameLetters) return { message: `no kind "${kind}" in ${where}: kinds are case-sensitive; did you mean "${sameLetters}"?`, fix: { kind: sameLetters } };
  // The kind in another built-in group: `kind: Job` under apps/v1.
  const elsewhere = [...byVersion].find(([v, kinds]) => kinds.has(kind) && !v.includes('alpha') && !v.includes('beta'))?.[0];
  if (elsewhere) return { message: `no kind "${kind}" in ${where}: ${kind} is in ${elsewhere}; did you mean apiVersion: ${elsewhere}?`, fix: { apiVersion: elsewhere } };
  const suggestion = closest(kind, here);
  return {
    message: `no kind "${kind}" in ${where}${suggestion ? `: did you mean "${suggestion}"?` : `; it has ${[...here].sort().join(', ')}`}`,
    fix: suggestion ? { kind: suggestion } : undefined,
  };
}

/** The oldest bundled version newer than `minor` that serves apiVersion/kind. */
export function firstVersionServing(apiVersion: string, kind: string, minor: number): string | undefined {
  const newer = bundledVersions()
    .filter((v) => minorOf(v) > minor)
    .sort((a, b) => minorOf(a) - minorOf(b));
  return newer.find((v) => schemasFor(v).kindDefinition(apiVersion, kind));
}

/**
 * No schema validates apiVersion/kind for Kubernetes `requested`, and neither KubeRemovedApi (removed by
 * then) nor KubeApiNotServed (served only later) explains it: what KubeUnknownKind and KubeNoSuchKind judge.
 */
export function unexplainedKind(apiVersion: string, kind: string, requested: string, resolved: boolean): boolean {
  if (resolved) return false;
  const minor = minorOf(requested);
  return !removal(apiVersion, kind, minor, false) && !firstVersionServing(apiVersion, kind, minor);
}
