// Objects as documents. `shipshape-k8s:` is a file system: view (read-only YAML), edit (saving
// replaces the object through the change door, with uid and resourceVersion preconditions, and a
// protected context's name typed) and describe. A conflict never overwrites silently: the user sees the
// diff and chooses, and "Overwrite Server Version" goes through the door again.
import * as vscode from 'vscode';
import type { ExplorerModel } from '../explorer/model';
import { describe } from '../actions/describe';
import { conflictOf, openForEdit, saveChange, sessionOf, type EditSession } from '../actions/edit';
import type { ChangeDoor, ChangeResult } from '../change/door';
import { toYaml } from '../actions/manifests';
import { maskSecret } from '../actions/safety';
import { getObject, type ObjectRef } from '../actions/workload';
import type { ResourceKind } from '../resources/kinds';
import type { PreviewDocuments } from '../../preview';
import { SCHEMES } from '../../parts/host';

export const SCHEME = SCHEMES.kubernetesObjects;
export type DocMode = 'view' | 'full' | 'edit' | 'describe';

export function objectUri(context: string, ref: ObjectRef, mode: DocMode): vscode.Uri {
  const k = ref.kind;
  const ext = mode === 'describe' ? 'txt' : 'yaml';
  const parts = [context, k.group || 'core', k.version, k.plural, ref.namespace ?? '_', `${ref.name}.${mode}.${ext}`].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: SCHEME, path: `/${parts.join('/')}`, query: JSON.stringify({ kind: k.kind, namespaced: k.namespaced }) });
}

function parseUri(uri: vscode.Uri): { context: string; ref: ObjectRef; mode: DocMode } {
  const [context, group, version, plural, ns, file] = uri.path.slice(1).split('/').map(decodeURIComponent);
  const m = /^(.*)\.(view|full|edit|describe)\.(yaml|txt)$/.exec(file ?? '');
  if (!context || !plural || !m) throw vscode.FileSystemError.FileNotFound(uri);
  const q = JSON.parse(uri.query || '{}') as { kind?: string; namespaced?: boolean };
  const kind: ResourceKind = { group: group === 'core' ? '' : group!, version: version!, plural, kind: q.kind ?? plural, namespaced: !!q.namespaced, category: 'Custom Resources', title: plural };
  return { context, ref: { kind, namespace: ns === '_' ? undefined : ns, name: m[1]! }, mode: m[2] as DocMode };
}

export class ObjectFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly sessions = new Map<string, EditSession>();
  private readonly texts = new Map<string, Uint8Array>();

  constructor(
    private readonly model: ExplorerModel,
    private readonly door: ChangeDoor,
    private readonly previews: PreviewDocuments,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const { mode } = parseUri(uri);
    const size = this.texts.get(uri.toString())?.byteLength ?? 0;
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size, permissions: mode === 'edit' ? undefined : vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { context, ref, mode } = parseUri(uri);
    const conn = this.model.connection(context);
    let text: string;
    if (mode === 'describe') text = await describe(conn, ref);
    else if (mode === 'view' || mode === 'full') {
      const obj = await getObject(conn, ref);
      // Managed fields are hidden unless asked for ("full"); Secret values always are.
      text = obj.kind === 'Secret' ? toYaml(maskSecret(obj)) : toYaml(obj, { managedFields: mode === 'full' });
    } else {
      if (ref.kind.kind === 'Secret') throw vscode.FileSystemError.NoPermissions('Secrets are not opened for editing here: their values would be shown in clear. Use "Reveal Secret Value" for one key.');
      const session = await openForEdit(conn, ref);
      this.sessions.set(uri.toString(), session);
      text = session.text;
    }
    const bytes = new TextEncoder().encode(text);
    this.texts.set(uri.toString(), bytes);
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { context, mode } = parseUri(uri);
    const session = this.sessions.get(uri.toString());
    if (mode !== 'edit' || !session) throw vscode.FileSystemError.NoPermissions('This document is read-only');
    if (!vscode.workspace.isTrusted) throw vscode.FileSystemError.NoPermissions('Shipshape does not change cluster objects from an untrusted workspace');
    const text = new TextDecoder().decode(content);
    let result = await this.save(context, session, text);
    if (result.status === 'failed' && result.httpStatus === 409) {
      const live = await getObject(this.model.connection(context), session.ref);
      const conflict = conflictOf(session, live, text);
      const choice = await vscode.window.showWarningMessage(conflict.message, { modal: true, detail: 'Your changes were not saved.' }, 'Show Diff', 'Overwrite Server Version');
      if (choice === 'Show Diff') {
        await this.previews.show(`${session.ref.name}-conflict`, conflict.diff);
        throw vscode.FileSystemError.Unavailable('Not saved: the object changed on the server (see the diff). Save again to retry, or reopen the object.');
      }
      if (choice !== 'Overwrite Server Version') throw vscode.FileSystemError.Unavailable('Not saved: the object changed on the server.');
      // Still the object that was opened (same uid), now at its live version; asked again in a protected context.
      result = await this.save(context, session, text, live.metadata.resourceVersion);
    }
    if (result.status === 'failed') throw vscode.FileSystemError.Unavailable(`Not saved: ${result.error}`);
    const saved = sessionOf(session.ref, result.object!);
    this.sessions.set(uri.toString(), saved);
    this.texts.set(uri.toString(), content);
    void vscode.window.setStatusBarMessage(`$(check) Saved ${session.ref.kind.kind} ${session.ref.name} (resourceVersion ${saved.resourceVersion})`, 5000);
  }

  /** One save through the door: dry run, the protected context's name when it is protected, then the replace. */
  private async save(context: string, session: EditSession, text: string, resourceVersion?: string): Promise<ChangeResult> {
    const mutation = saveChange(session, text, resourceVersion);
    if ('invalid' in mutation) throw vscode.FileSystemError.Unavailable(`Not saved: ${mutation.invalid}`);
    const outcome = await this.door.change({ context, verb: 'save', target: mutation.ref, confirm: false, mutations: [mutation] });
    if (!outcome.done && outcome.reason === 'declined') throw vscode.FileSystemError.Unavailable("Not saved: the protected context's name was not typed.");
    return outcome.done ? outcome.results[0]! : outcome.preview[0]!;
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete objects from the Kubernetes explorer');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions();
  }
}
