// Edit live: the object becomes a document; saving replaces it with the resourceVersion it was
// read at, so the API server refuses (409) if anyone changed it meanwhile. Nothing is ever
// overwritten silently: the caller gets the live version and a diff and lets the user decide.
import { parse } from 'yaml';
import type { ClusterConnection } from '../cluster/connection';
import { describeKubeError } from '../cluster/errors';
import { objectPath } from '../resources/kinds';
import type { KubeObject } from '../resources/types';
import { FIELD_MANAGER } from './apply';
import { toYaml, comparable } from './manifests';
import { unifiedDiff } from './text-diff';
import { getObject, type ObjectRef } from './workload';

export interface EditSession {
  ref: ObjectRef;
  /** resourceVersion the text was read at: the precondition of the save. */
  resourceVersion: string;
  text: string;
}

export async function openForEdit(conn: ClusterConnection, ref: ObjectRef): Promise<EditSession> {
  const obj = await getObject(conn, ref);
  return { ref, resourceVersion: obj.metadata.resourceVersion ?? '', text: toYaml(obj) };
}

export type SaveResult =
  | { status: 'saved'; object: KubeObject; session: EditSession }
  | { status: 'conflict'; live: KubeObject; diff: string; message: string }
  | { status: 'invalid'; message: string };

/**
 * Replaces the object with the edited text. The resourceVersion is always the one the session was
 * read at (whatever the text says), so a concurrent change is a conflict, not a lost update.
 * `overwrite` (after the user saw the diff and chose so) retries at the live resourceVersion.
 */
export async function saveEdit(conn: ClusterConnection, session: EditSession, text: string, opts: { overwrite?: boolean } = {}): Promise<SaveResult> {
  let edited: KubeObject;
  try {
    edited = parse(text) as KubeObject;
  } catch (err) {
    return { status: 'invalid', message: `YAML error: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!edited?.metadata) return { status: 'invalid', message: 'The document has no metadata' };
  if (edited.metadata.name !== session.ref.name) return { status: 'invalid', message: `metadata.name cannot change (was "${session.ref.name}")` };
  // Managed fields were hidden: leaving them out of an update keeps the server's.
  delete edited.metadata.managedFields;
  let rv = session.resourceVersion;
  if (opts.overwrite) rv = (await getObject(conn, session.ref)).metadata.resourceVersion ?? rv;
  edited.metadata.resourceVersion = rv;
  try {
    const object = await conn.json<KubeObject>(objectPath(session.ref.kind, session.ref.namespace, session.ref.name), {
      method: 'PUT',
      body: edited,
      query: { fieldManager: FIELD_MANAGER },
    });
    return { status: 'saved', object, session: { ref: session.ref, resourceVersion: object.metadata.resourceVersion ?? '', text: toYaml(object) } };
  } catch (err) {
    const e = describeKubeError(err);
    if (e.status === 409) {
      const live = await getObject(conn, session.ref);
      return {
        status: 'conflict',
        live,
        message: `${session.ref.kind.kind} ${session.ref.name} changed on the server since you opened it (resourceVersion ${session.resourceVersion} → ${live.metadata.resourceVersion}).`,
        diff: unifiedDiff(comparable(live), comparable(edited), { before: 'live (server)', after: 'your edit' }),
      };
    }
    if (e.status === 422 || e.status === 400) return { status: 'invalid', message: e.message };
    throw err;
  }
}
