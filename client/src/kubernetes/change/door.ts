// The one door every cluster change goes through. A change is a plan of API requests; the door, in
// this order: refuses in an untrusted workspace, takes the context the caller resolved (the explorer's
// choice, from every kubeconfig the explorer loads), reads each live object, adds preconditions (the
// uid a delete or replace must still match, the resourceVersion a replace was read at), sends every
// request as a server-side dry run and shows the diff, asks (the context's name typed when it is
// protected), and only then sends the requests. Server-side apply never carries force: a field owned
// by another manager (Helm, Argo CD) is a conflict to report, not to take. No `vscode` import: live
// tests drive the door against the real API server with scripted answers.
import type { ClusterConnection } from '../cluster/connection';
import { describeKubeError } from '../cluster/errors';
import type { RequestOptions } from '../cluster/request';
import { comparable } from '../actions/manifests';
import { confirmationAccepts, confirmationFor } from '../actions/safety';
import { unifiedDiff } from '../actions/text-diff';
import type { KubeObject } from '../resources/types';

export const FIELD_MANAGER = 'shipshape';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export interface Mutation {
  /** "Deployment default/web" */
  ref: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  contentType?: string;
  query?: RequestOptions['query'];
  /** The object read for the preview and the preconditions; default `path`, null for none (POST). */
  livePath?: string | null;
  /** Rebuilds the request from a fresh read when the server answers 409/422 (a patch with a resourceVersion test). */
  rebuild?: () => Promise<Mutation>;
  /** Why this request cannot be made (an unknown kind): reported with the others, never sent. */
  refused?: string;
}

export interface ChangePlan {
  /** The context to change, as the explorer resolved it. */
  context: string;
  /** "delete", "scale", "apply" */
  verb: string;
  /** "Deployment default/web", "3 object(s)" */
  target: string;
  /** Ask even outside protected contexts (deletes, restarts, applies). A protected context always asks. */
  confirm: boolean;
  mutations: Mutation[];
}

export type ChangeStatus = 'created' | 'configured' | 'unchanged' | 'deleted' | 'failed';

export interface ChangeResult {
  ref: string;
  status: ChangeStatus;
  /** HTTP status of a failure (409 conflict, 403 forbidden, 422 invalid). */
  httpStatus?: number;
  error?: string;
  /** Unified diff live → dry run (preview) or live → result. */
  diff: string;
  object?: KubeObject;
  live?: KubeObject;
}

/** What the door asks of the person: VS Code's dialogs in the extension, scripted answers in tests. */
export interface ChangePrompts {
  /** The dry-run preview, shown before the question. */
  preview(title: string, text: string): Promise<void>;
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** The context's name for a protected context; undefined when cancelled. */
  typeName(message: string, expected: string): Promise<string | undefined>;
  /** The change was sent: the preview has served its purpose (a stale diff left open misleads). */
  dismissPreview?(): Promise<void>;
}

export interface DoorPolicy {
  trusted(): boolean;
  protectedContexts(): readonly string[];
}

export class ChangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangeRefused';
  }
}

export type Outcome = { done: true; results: ChangeResult[]; preview: ChangeResult[] } | { done: false; reason: 'declined' | 'dry-run failed'; preview: ChangeResult[] };

export class ChangeDoor {
  constructor(
    /** A writable connection for a context: only the door is handed these. */
    private readonly writable: (context: string) => ClusterConnection,
    private readonly policy: DoorPolicy,
    private readonly prompts: ChangePrompts,
  ) {}

  /** Dry run only (the "Dry-Run Apply" command): what the change would do, nothing sent for real. */
  async preview(plan: ChangePlan): Promise<ChangeResult[]> {
    this.check(plan);
    const conn = this.writable(plan.context);
    const out: ChangeResult[] = [];
    for (const m of plan.mutations) out.push((await this.dryRun(conn, m)).result);
    return out;
  }

  async change(plan: ChangePlan): Promise<Outcome> {
    this.check(plan);
    const conn = this.writable(plan.context);
    const prepared: { m: Mutation; live?: KubeObject; result: ChangeResult }[] = [];
    for (const m of plan.mutations) prepared.push(await this.dryRun(conn, m));
    const preview = prepared.map((p) => p.result);
    const failed = preview.filter((r) => r.status === 'failed');
    // One object that the server refuses is reported, not asked about; several are asked about (the rest may go).
    if (failed.length === preview.length) return { done: false, reason: 'dry-run failed', preview };
    const c = confirmationFor(plan.verb, plan.target, plan.context, this.policy.protectedContexts(), plan.confirm);
    if (c.kind !== 'none') {
      await this.prompts.preview(`${plan.verb}-${plan.context}`, previewText(plan, preview));
      const changes = preview.filter((r) => r.status !== 'unchanged' && r.status !== 'failed').length;
      const detail = `${changes} of ${preview.length} would change${failed.length ? `, ${failed.length} fail the dry run` : ''} (see the preview).`;
      const answer = c.kind === 'type-name' ? await this.prompts.typeName(`${c.message} ${detail}`, c.expected) : (await this.prompts.confirm(c.message, detail, capitalized(plan.verb))) ? 'yes' : undefined;
      if (!confirmationAccepts(c, answer)) return { done: false, reason: 'declined', preview };
    }
    const results: ChangeResult[] = [];
    for (const p of prepared) results.push(p.result.status === 'failed' ? p.result : await this.send(conn, p.m, p.live));
    await this.prompts.dismissPreview?.();
    return { done: true, results, preview };
  }

  private check(plan: ChangePlan): void {
    if (!this.policy.trusted()) throw new ChangeRefused('Shipshape does not change cluster objects from an untrusted workspace. Trust the workspace first.');
    if (!plan.context) throw new ChangeRefused('No Kubernetes context is selected: pick one in the Kubernetes explorer.');
    for (const m of plan.mutations) {
      if (m.query && 'force' in m.query && m.query.force !== undefined) throw new ChangeRefused(`${m.ref}: Shipshape never forces a server-side apply (fields owned by other managers stay theirs).`);
      if (m.query?.dryRun !== undefined) throw new ChangeRefused(`${m.ref}: the door adds the dry run itself.`);
    }
  }

  /**
   * Reads the live object, adds the preconditions, and asks the server what the request would do. A
   * mutation built from an earlier read (rollout undo's resourceVersion test) is rebuilt when the object
   * moved on in between, as the controllers' status writes make it do, as the real request is.
   */
  private async dryRun(conn: ClusterConnection, original: Mutation): Promise<{ m: Mutation; live?: KubeObject; result: ChangeResult }> {
    if (original.refused) return { m: original, result: { ref: original.ref, status: 'failed', error: original.refused, diff: '' } };
    let built = original;
    let live: KubeObject | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        const livePath = built.livePath === undefined ? built.path : built.livePath;
        live = livePath ? await readLive(conn, livePath) : undefined;
        const m = withPreconditions(built, live);
        const object = await conn.json<KubeObject>(m.path, request(m, true));
        return { m, live, result: resultOf(m, live, object, 'dry run') };
      } catch (err) {
        if (!rebuildable(built, err, attempt)) return { m: built, live, result: failure(built, err, live) };
        built = await built.rebuild!();
      }
    }
  }

  private async send(conn: ClusterConnection, m: Mutation, live: KubeObject | undefined): Promise<ChangeResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return resultOf(m, live, await conn.json<KubeObject>(m.path, request(m, false)), 'applied');
      } catch (err) {
        if (!rebuildable(m, err, attempt)) return failure(m, err, live);
        m = withPreconditions(await m.rebuild!(), live);
      }
    }
  }
}

/** A failure worth a fresh read: a conflict or a failed precondition test, on a mutation that can rebuild itself. */
function rebuildable(m: Mutation, err: unknown, attempt: number): boolean {
  const status = describeKubeError(err).status;
  return m.rebuild !== undefined && attempt < 5 && (status === 409 || status === 422);
}

async function readLive(conn: ClusterConnection, path: string): Promise<KubeObject | undefined> {
  try {
    return await conn.json<KubeObject>(path);
  } catch (err) {
    if (describeKubeError(err).status === 404) return undefined;
    throw err;
  }
}

function request(m: Mutation, dryRun: boolean): RequestOptions {
  const query = { ...m.query, fieldManager: m.method === 'DELETE' ? undefined : FIELD_MANAGER, dryRun: dryRun ? 'All' : undefined };
  return { method: m.method, body: m.body, contentType: m.contentType, query };
}

/**
 * A delete must still find the object the preview showed (its uid); a replace must carry the uid and the
 * resourceVersion it was read at, so a concurrent change or a recreated object is a conflict, not lost.
 */
export function withPreconditions(m: Mutation, live: KubeObject | undefined): Mutation {
  if (m.method === 'DELETE') {
    if (!live?.metadata.uid) throw new ChangeRefused(`${m.ref} does not exist (nothing to delete).`);
    const options = (m.body ?? {}) as { preconditions?: { uid?: string; resourceVersion?: string } };
    const uid = options.preconditions?.uid ?? live.metadata.uid;
    if (uid !== live.metadata.uid) throw new ChangeRefused(`${m.ref} was deleted and created again since it was shown (uid ${uid} → ${live.metadata.uid}): nothing deleted.`);
    return { ...m, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options, preconditions: { ...options.preconditions, uid } } };
  }
  if (m.method === 'PUT') {
    const body = structuredClone(m.body) as KubeObject;
    if (!body?.metadata?.resourceVersion) throw new ChangeRefused(`${m.ref}: a replace needs the resourceVersion it was read at.`);
    if (live?.metadata.uid) {
      const uid = body.metadata.uid ?? live.metadata.uid;
      if (uid !== live.metadata.uid) throw new ChangeRefused(`${m.ref} was deleted and created again since it was opened (uid ${uid} → ${live.metadata.uid}): not saved.`);
      body.metadata.uid = uid;
    }
    return { ...m, body };
  }
  return m;
}

function resultOf(m: Mutation, live: KubeObject | undefined, object: KubeObject, label: string): ChangeResult {
  const deleted = m.method === 'DELETE';
  const diff = unifiedDiff(comparable(live), deleted ? '' : comparable(object), { before: `live ${m.ref}`, after: `${label} ${m.ref}` });
  const status: ChangeStatus = deleted ? 'deleted' : !live ? 'created' : diff ? 'configured' : 'unchanged';
  return { ref: m.ref, status, diff, object: deleted ? undefined : object, live };
}

function failure(m: Mutation, err: unknown, live?: KubeObject): ChangeResult {
  if (err instanceof ChangeRefused) return { ref: m.ref, status: 'failed', error: err.message, diff: '', live };
  const e = describeKubeError(err);
  return { ref: m.ref, status: 'failed', httpStatus: e.status, error: e.status ? `${e.status} ${e.reason}: ${conflictHint(e.message, e.status)}` : e.message, diff: '', live };
}

/** A server-side apply conflict names the manager that owns the field: say why nothing was forced. */
function conflictHint(message: string, status: number): string {
  return status === 409 && /conflicts? with "/i.test(message) ? `${message} (Shipshape does not force: change it where that manager is configured, or drop the field from the manifest)` : message;
}

export function previewText(plan: ChangePlan, preview: ChangeResult[]): string {
  const body = preview.map((r) => (r.error ? `# ${r.ref}: ${r.error}\n` : r.diff || `# ${r.ref}: ${r.status}\n`)).join('\n');
  return `# Server-side dry run: ${plan.verb} ${plan.target} in context ${plan.context} (field manager ${FIELD_MANAGER}, nothing sent for real yet)\n${body}`;
}

export function summarize(results: ChangeResult[]): string {
  return results.map((r) => `${r.ref}: ${r.status}${r.error ? ` (${r.error})` : ''}`).join('\n');
}

const capitalized = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
