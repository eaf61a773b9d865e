// Edit live: the object becomes a document; saving replaces it through the change door with the uid and
// resourceVersion it was read at, so the API server refuses (409) if anyone changed it meanwhile and the
// door refuses if it was deleted and created again. Nothing is ever overwritten silently: the caller gets
// the live version and a diff and lets the user decide.
import { parse } from 'yaml';
import type { ClusterConnection } from '../cluster/connection';
import type { Mutation } from '../change/door';
import { objectPath } from '../resources/kinds';
import type { KubeObject } from '../resources/types';
import { toYaml, comparable } from './manifests';
import { unifiedDiff } from './text-diff';
import { describeRef, getObject, type ObjectRef } from './workload';

export interface EditSession {
  ref: ObjectRef;
  /** uid and resourceVersion the text was read at: the preconditions of the save. */
  uid: string;
  resourceVersion: string;
  text: string;
}

export function sessionOf(ref: ObjectRef, obj: KubeObject): EditSession {
  return { ref, uid: obj.metadata.uid ?? '', resourceVersion: obj.metadata.resourceVersion ?? '', text: toYaml(obj) };
}

export async function openForEdit(conn: ClusterConnection, ref: ObjectRef): Promise<EditSession> {
  return sessionOf(ref, await getObject(conn, ref));
}

/**
 * The replace a save sends, or why the text cannot be saved. The uid and resourceVersion are always the
 * session's (whatever the text says), so a concurrent change is a conflict, not a lost update.
 * `resourceVersion` (after the user saw the diff and chose to overwrite) is the live one to retry at.
 */
export function saveChange(session: EditSession, text: string, resourceVersion = session.resourceVersion): Mutation | { invalid: string } {
  let edited: KubeObject;
  try {
    edited = parse(text) as KubeObject;
  } catch (err) {
    return { invalid: `YAML error: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!edited?.metadata) return { invalid: 'The document has no metadata' };
  if (edited.metadata.name !== session.ref.name) return { invalid: `metadata.name cannot change (was "${session.ref.name}")` };
  // Managed fields were hidden: leaving them out of an update keeps the server's.
  delete edited.metadata.managedFields;
  edited.metadata.resourceVersion = resourceVersion;
  if (session.uid) edited.metadata.uid = session.uid;
  return { ref: describeRef(session.ref), method: 'PUT', path: objectPath(session.ref.kind, session.ref.namespace, session.ref.name), body: edited };
}

/** What a conflicting save shows: the live object against the edit. */
export function conflictOf(session: EditSession, live: KubeObject, text: string): { message: string; diff: string } {
  let edited: KubeObject | undefined;
  try {
    edited = parse(text) as KubeObject;
  } catch {
    edited = undefined;
  }
  return {
    message: `${session.ref.kind.kind} ${session.ref.name} changed on the server since you opened it (resourceVersion ${session.resourceVersion} → ${live.metadata.resourceVersion}).`,
    diff: unifiedDiff(comparable(live), comparable(edited), { before: 'live (server)', after: 'your edit' }),
  };
}
