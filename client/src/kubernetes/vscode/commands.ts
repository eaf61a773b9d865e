// The Kubernetes commands as a table (commands/catalog.ts says what each one reaches and changes; the
// registration gates them on trust). Each handler finds its target (tree node or quick pick) and hands
// any change to the change door, which previews, asks and sends it.
import * as vscode from 'vscode';
import { config } from '../../config';
import type { Handler, PartCommand } from '../../commands/catalog';
import { registerTable } from '../../commands/register';
import { applyChanges } from '../actions/apply';
import { parseManifests } from '../actions/manifests';
import { revealSecretValue } from '../actions/safety';
import { cordonChange, deleteChange, describeRef, getObject, rolloutRestartChange, rolloutUndoChange, scaleChange, setImageChange, type ObjectRef } from '../actions/workload';
import { previewText, summarize, type ChangeDoor, type ChangePlan, type ChangeResult, type Mutation } from '../change/door';
import { formatKubeError } from '../cluster/errors';
import { AttachSession, detectShell, isWindowsPod, LINUX_SHELLS, WINDOWS_SHELLS } from '../exec/exec';
import type { ExplorerModel, ExplorerNode } from '../explorer/model';
import { selectorOf } from '../logs/merged-logs';
import { PortForwarder, type ForwardKind } from '../portforward/forwarder';
import { parsePorts } from '../portforward/ports';
import { collectionPath, kindByName } from '../resources/kinds';
import { podContainers } from '../resources/pod-spec';
import type { KubeList, KubeObject } from '../resources/types';
import { objectUri } from './documents';
import type { LogDocuments } from './logs';
import type { PreviewDocuments } from '../../preview';
import { execTerminal } from './terminal';
import type { KubernetesTree, TreeElement } from './tree';
import { addKubeconfig } from './add-kubeconfig';
import { helmReleaseCommands } from './helm-commands';

type ObjectNode = Extract<ExplorerNode, { type: 'object' }>;
type ContainerNode = Extract<ExplorerNode, { type: 'container' }>;

export interface CommandDeps {
  model: ExplorerModel;
  tree: KubernetesTree;
  logs: LogDocuments;
  forwards: PortForwarder[];
  log: vscode.LogOutputChannel;
  door: ChangeDoor;
  previews: PreviewDocuments;
}

/** One change to one object through the door: its result, undefined when declined; a refusal throws its reason. */
async function changeOne(deps: CommandDeps, context: string, verb: string, mutation: Mutation, confirm: boolean): Promise<ChangeResult | undefined> {
  const plan: ChangePlan = { context, verb, target: mutation.ref, confirm, mutations: [mutation] };
  const outcome = await deps.door.change(plan);
  const result = outcome.done ? outcome.results[0] : outcome.reason === 'dry-run failed' ? outcome.preview[0] : undefined;
  if (result?.status === 'failed') throw new Error(result.error);
  if (result) deps.log.info(`${verb} ${mutation.ref} in ${context}: ${result.status}`);
  return result;
}

export function refOf(node: ObjectNode): ObjectRef {
  return { kind: node.kind, namespace: node.object.metadata.namespace, name: node.object.metadata.name };
}

/** A tree node, or else a quick pick over the current namespace's objects of the given kinds. */
async function pickObject(deps: CommandDeps, arg: unknown, kinds: string[]): Promise<ObjectNode | undefined> {
  const node = arg as TreeElement | undefined;
  if (node?.type === 'object') return node;
  if (node?.type === 'container') return { type: 'object', id: node.id, context: node.context, kind: kindByName('Pod')!, object: node.pod };
  const context = deps.model.current;
  const conn = deps.model.connection(context);
  const items: (vscode.QuickPickItem & { node: ObjectNode })[] = [];
  for (const kindName of kinds) {
    const kind = kindByName(kindName)!;
    const list = await conn.json<KubeList>(collectionPath(kind, kind.namespaced ? conn.namespace : undefined), { query: { limit: 500 } });
    for (const object of list.items) items.push({ label: object.metadata.name, description: kind.kind, node: { type: 'object', id: '', context, kind, object } });
  }
  const picked = await vscode.window.showQuickPick(items, { title: `${kinds.join(', ')} in ${conn.namespace} (${context})`, matchOnDescription: true });
  return picked?.node;
}

function openDoc(uri: vscode.Uri, language?: string): Thenable<unknown> {
  return vscode.workspace.openTextDocument(uri).then(async (doc) => {
    if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { preview: false });
  });
}

/** Options other extensions and tests may pass; a protected context still needs its typed name. */
export interface ApplyCommandOptions {
  confirmed?: boolean;
}

async function applyCurrentFile(deps: CommandDeps, mode: 'apply' | 'dry-run', uri?: vscode.Uri, opts: ApplyCommandOptions = {}): Promise<ChangeResult[] | undefined> {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) throw new Error('Open a manifest to apply');
  const objects = parseManifests(document.getText());
  if (!objects.length) throw new Error('The file has no Kubernetes objects');
  const context = deps.model.current;
  await deps.model.connect(context);
  const plan: ChangePlan = { context, verb: 'apply', target: `${objects.length} object(s)`, confirm: !opts.confirmed, mutations: await applyChanges(deps.model.connection(context), objects) };
  if (mode === 'dry-run') {
    const preview = await deps.door.preview(plan);
    await deps.previews.show(`apply-preview-${context}`, previewText(plan, preview));
    void vscode.window.showInformationMessage(`Dry run in ${context}:\n${summarize(preview)}`);
    return preview;
  }
  const outcome = await deps.door.change(plan);
  if (!outcome.done) {
    if (outcome.reason === 'dry-run failed') void vscode.window.showErrorMessage(`Apply to ${context}: the dry run refused every object.\n${summarize(outcome.preview)}`);
    return undefined;
  }
  const bad = outcome.results.filter((r) => r.status === 'failed');
  deps.log.info(`apply to ${context}:\n${summarize(outcome.results)}`);
  if (bad.length) void vscode.window.showErrorMessage(`Apply to ${context}: ${bad.length} of ${outcome.results.length} failed.\n${summarize(bad)}`);
  else void vscode.window.showInformationMessage(`Applied to ${context}: ${summarize(outcome.results)}`);
  deps.model.resetContext(context);
  return outcome.results;
}

async function pickContainer(pod: KubeObject, preset?: string): Promise<string | undefined> {
  if (preset) return preset;
  const names: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
  if (names.length <= 1) return names[0];
  return vscode.window.showQuickPick(names, { title: `Container of ${pod.metadata.name}` });
}

interface LogChoice extends vscode.QuickPickItem {
  key: 'follow' | 'timestamps' | 'previous' | 'all' | 'since';
}

async function logOptions(): Promise<{ follow: boolean; timestamps: boolean; previous: boolean; tailLines?: number; sinceSeconds?: number } | undefined> {
  const items: LogChoice[] = [
    { label: 'Follow', key: 'follow', picked: true },
    { label: 'Timestamps', key: 'timestamps' },
    { label: 'Previous container', key: 'previous', description: 'logs of the last terminated container' },
    { label: 'All lines', key: 'all', description: 'default: the last 1,000' },
    { label: 'Since…', key: 'since', description: 'only lines from the last minutes/hours' },
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Log options' });
  if (!picked) return undefined;
  const has = (k: LogChoice['key']) => picked.some((p) => p.key === k);
  let sinceSeconds: number | undefined;
  if (has('since')) {
    const text = await vscode.window.showInputBox({ prompt: 'Since how long ago? e.g. 30s, 15m, 2h', value: '1h', validateInput: (v) => (/^\d+[smh]$/.test(v) ? undefined : 'A number followed by s, m or h') });
    if (!text) return undefined;
    sinceSeconds = Number(text.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[text.slice(-1) as 's' | 'm' | 'h'];
  }
  return { follow: has('follow') && !has('previous'), timestamps: has('timestamps'), previous: has('previous'), tailLines: has('all') || sinceSeconds ? undefined : 1000, sinceSeconds };
}

/** The pod (from the tree row or a picker) and its container (the row's, or asked for) that exec and attach act on. */
async function pickPodContainer(deps: CommandDeps, arg: unknown) {
  const el = arg as TreeElement | undefined;
  const node = await pickObject(deps, arg, ['Pod']);
  if (!node) return undefined;
  const container = await pickContainer(node.object, el?.type === 'container' ? (el as ContainerNode).container : undefined);
  return container ? { node, pod: node.object, container } : undefined;
}

type KubernetesCommand = PartCommand<'kubernetes'>;

/** Cordon or uncordon the Node of a tree row (or a picked one). */
async function cordonCommand(deps: CommandDeps, arg: unknown, on: boolean): Promise<unknown> {
  const node = await pickObject(deps, arg, ['Node']);
  if (!node) return undefined;
  return changeOne(deps, node.context, on ? 'cordon' : 'uncordon', cordonChange(node.object.metadata.name, on), on);
}

export function kubernetesCommands(deps: CommandDeps): Record<KubernetesCommand, Handler<CommandDeps>> {
  const { model, tree, logs, log } = deps;
  const maxLines = () => config.logsMaxLines();
  return {
    ...helmReleaseCommands(model, deps.previews, log),
    'shipshape.k8s.refresh': async () => {
      model.resetContext(model.current);
      tree.refresh();
    },
    'shipshape.k8s.switchContext': async (_, arg) => {
      const node = arg as TreeElement | undefined;
      if (!model.contexts().length) {
        // Not an empty picker reading "0 Results": what is missing and the way to add it.
        const add = 'Add Kubeconfig File…';
        const pick = await vscode.window.showInformationMessage(model.noContextsReason()!, add, 'Show Kubernetes View');
        if (pick === add) await addKubeconfig();
        else if (pick) await vscode.commands.executeCommand('shipshape.kubernetes.focus');
        return;
      }
      const name =
        node?.type === 'context'
          ? node.context
          : await vscode.window
              .showQuickPick(
                model.contexts().map((c) => ({ label: c, description: c === model.current ? 'current' : model.loaded.contextFile.get(c) })),
                { title: 'Kubernetes context' },
              )
              .then((p) => p?.label);
      if (!name) return;
      model.switchContext(name);
      tree.refresh();
    },
    'shipshape.k8s.selectNamespace': async (_, arg, preset) => {
      const node = arg as TreeElement | undefined;
      const ctx = node && 'context' in node && node.context ? node.context : model.current;
      const conn = model.connection(ctx);
      // A preset name, or a Namespace row of the tree ("Use This Namespace").
      const chosen = typeof preset === 'string' && preset ? preset : node?.type === 'object' && node.kind.kind === 'Namespace' ? node.object.metadata.name : undefined;
      if (chosen) {
        model.setNamespace(chosen, ctx);
        tree.refresh();
        return chosen;
      }
      let names: string[] = [];
      try {
        names = (await conn.json<KubeList>('/api/v1/namespaces')).items.map((n) => n.metadata.name);
      } catch {
        /* listing namespaces is often forbidden: let the user type one */
      }
      const picked = names.length
        ? await vscode.window
            .showQuickPick(
              names.map((n) => ({ label: n, description: n === conn.namespace ? 'current' : undefined })),
              { title: `Namespace (${ctx})` },
            )
            .then((p) => p?.label)
        : await vscode.window.showInputBox({ prompt: `Namespace for ${ctx} (you may not list namespaces)`, value: conn.namespace });
      if (!picked) return;
      model.setNamespace(picked, ctx);
      tree.refresh();
    },
    'shipshape.k8s.showMore': async (_, arg) => {
      const node = arg as TreeElement;
      if (node?.type === 'more') await model.loadMore(node);
    },
    'shipshape.k8s.reloadKubeconfig': async () => vscode.commands.executeCommand('shipshape.k8s.internal.reload'),
    'shipshape.k8s.addKubeconfig': async () => addKubeconfig(),
    // Registered by kubernetes/index.ts with the reload it owns; listed so the table stays complete.
    'shipshape.k8s.internal.reload': async () => undefined,

    'shipshape.k8s.describe': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Pod', 'Deployment']);
      if (node) await openDoc(objectUri(node.context, refOf(node), 'describe'));
    },
    'shipshape.k8s.viewYaml': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Pod', 'Deployment']);
      if (node) await openDoc(objectUri(node.context, refOf(node), 'view'), 'yaml');
    },
    'shipshape.k8s.viewYamlFull': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Pod', 'Deployment']);
      if (node) await openDoc(objectUri(node.context, refOf(node), 'full'), 'yaml');
    },
    'shipshape.k8s.edit': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment', 'ConfigMap', 'Service']);
      if (node) await openDoc(objectUri(node.context, refOf(node), 'edit'), 'yaml');
    },
    'shipshape.k8s.revealSecret': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Secret']);
      if (!node) return;
      const secret = await getObject(model.connection(node.context), refOf(node));
      const key = await vscode.window.showQuickPick(Object.keys((secret.data as Record<string, string>) ?? {}), { title: `Key of Secret ${secret.metadata.name} to reveal` });
      if (!key) return;
      const value = revealSecretValue(secret, key);
      const action = await vscode.window.showInformationMessage(`${secret.metadata.name}/${key} (decoded, ${value.length} characters)`, { modal: true, detail: value }, 'Copy');
      if (action === 'Copy') await vscode.env.clipboard.writeText(value);
    },

    'shipshape.k8s.apply': (_, uri, opts) => applyCurrentFile(deps, 'apply', uri as vscode.Uri | undefined, opts as ApplyCommandOptions | undefined),
    'shipshape.k8s.dryRun': (_, uri) => applyCurrentFile(deps, 'dry-run', uri as vscode.Uri | undefined),

    'shipshape.k8s.delete': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Pod', 'Deployment']);
      if (!node) return;
      const ref = refOf(node);
      // The uid of the row the user chose: a same-named object created since is not deleted.
      const result = await changeOne(deps, node.context, 'delete', deleteChange(ref, { uid: node.object.metadata.uid }), true);
      if (result) void vscode.window.setStatusBarMessage(`Deleted ${describeRef(ref)}`, 5000);
      return result;
    },
    'shipshape.k8s.scale': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment', 'StatefulSet', 'ReplicaSet']);
      if (!node) return;
      const value = await vscode.window.showInputBox({
        prompt: `Replicas for ${node.kind.kind} ${node.object.metadata.name}`,
        value: String(node.object.spec?.replicas ?? 1),
        validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'A whole number'),
      });
      if (value === undefined) return;
      return changeOne(deps, node.context, 'scale', scaleChange(refOf(node), Number(value)), Number(value) === 0);
    },
    'shipshape.k8s.rolloutRestart': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (!node) return;
      return changeOne(deps, node.context, 'restart', rolloutRestartChange(refOf(node)), true);
    },
    'shipshape.k8s.rolloutUndo': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment']);
      if (!node) return;
      const undo = await rolloutUndoChange(model.connection(node.context), refOf(node));
      const result = await changeOne(deps, node.context, 'roll back', undo.mutation, true);
      if (result) void vscode.window.showInformationMessage(`Rolled ${node.object.metadata.name} back to revision ${undo.revision}`);
      return result;
    },
    'shipshape.k8s.setImage': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (!node) return;
      const containers = podContainers(node.kind.kind, node.object);
      const container =
        containers.length === 1
          ? containers[0]
          : await vscode.window
              .showQuickPick(
                containers.map((c) => ({ label: c.name, description: c.image, c })),
                { title: 'Container' },
              )
              .then((p) => p?.c);
      if (!container) return;
      const image = await vscode.window.showInputBox({ prompt: `Image for container ${container.name}`, value: container.image });
      if (!image) return;
      return changeOne(deps, node.context, 'set the image of', setImageChange(refOf(node), container.name, image), false);
    },
    'shipshape.k8s.cordon': (_, arg) => cordonCommand(deps, arg, true),
    'shipshape.k8s.uncordon': (_, arg) => cordonCommand(deps, arg, false),

    'shipshape.k8s.logs': async (_, arg, preset) => {
      const el = arg as TreeElement | undefined;
      const node = await pickObject(deps, arg, ['Pod']);
      if (!node) return;
      const pod = node.object;
      const container = await pickContainer(pod, el?.type === 'container' ? (el as ContainerNode).container : undefined);
      const opts = (preset as Awaited<ReturnType<typeof logOptions>>) ?? (await logOptions());
      if (!opts) return;
      const uri = await logs.openPod(model.connection(node.context), { namespace: pod.metadata.namespace!, pod: pod.metadata.name, container, ...opts }, maxLines());
      await openDoc(uri, 'log');
      return uri;
    },
    'shipshape.k8s.workloadLogs': async (_, arg) => {
      const node = await pickObject(deps, arg, ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Service']);
      if (!node) return;
      const selector = selectorOf(node.object);
      if (!selector) throw new Error(`${node.kind.kind} ${node.object.metadata.name} has no selector`);
      const uri = await logs.openMerged(
        model.connection(node.context),
        `${node.kind.kind.toLowerCase()}-${node.object.metadata.name}`,
        { namespace: node.object.metadata.namespace!, labelSelector: selector, tailLines: 200, follow: true },
        maxLines(),
      );
      await openDoc(uri, 'log');
      return uri;
    },
    'shipshape.k8s.filterLogs': async () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme !== 'shipshape-logs') throw new Error('Open a Shipshape log view first');
      const filter = await vscode.window.showInputBox({ prompt: 'Show lines containing (or /regex/); empty shows all', value: logs.filterOf(uri) ?? '' });
      if (filter !== undefined) logs.setFilter(uri, filter);
    },

    'shipshape.k8s.exec': async (_, arg) => {
      const picked = await pickPodContainer(deps, arg);
      if (!picked) return;
      const { node, pod, container } = picked;
      const conn = model.connection(node.context);
      const target = { namespace: pod.metadata.namespace!, pod: pod.metadata.name, container };
      const shell = await detectShell(conn, target, (await isWindowsPod(conn, pod)) ? WINDOWS_SHELLS : LINUX_SHELLS);
      const terminal = execTerminal(conn, target, [shell], `${pod.metadata.name}/${container} (${shell})`);
      terminal.show();
      return terminal;
    },
    'shipshape.k8s.attach': async (_, arg) => {
      const picked = await pickPodContainer(deps, arg);
      if (!picked) return;
      const { node, pod, container } = picked;
      const terminal = execTerminal(model.connection(node.context), { namespace: pod.metadata.namespace!, pod: pod.metadata.name, container }, [], `${pod.metadata.name}/${container} (attach)`, AttachSession.ioFor(pod, container));
      terminal.show();
      return terminal;
    },
    'shipshape.k8s.portForward': async (_, arg, presetPorts) => {
      const node = await pickObject(deps, arg, ['Pod', 'Service', 'Deployment']);
      if (!node) return;
      const kind = node.kind.kind.toLowerCase() as ForwardKind;
      if (!['pod', 'service', 'deployment', 'statefulset', 'replicaset', 'daemonset'].includes(kind)) throw new Error(`Cannot port-forward to a ${node.kind.kind}`);
      const known: string[] =
        kind === 'service' ? (node.object.spec?.ports ?? []).map((p: { port: number }) => String(p.port)) : podContainers(node.kind.kind, node.object).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
      const text =
        typeof presetPorts === 'string'
          ? presetPorts
          : await vscode.window.showInputBox({ prompt: 'Ports: [local:]remote, several separated by commas (local 0 or omitted = any free port)', value: known.map((p) => `${p}:${p}`).join(', ') });
      if (!text) return;
      const fwd = new PortForwarder(model.connection(node.context), { namespace: node.object.metadata.namespace!, kind, name: node.object.metadata.name }, parsePorts(text));
      fwd.on('pod', (pod: string | undefined, previous: string) => {
        log.info(`port-forward ${fwd.label}: ${previous} → ${pod ?? 'no pod'}`);
        tree.refresh();
      });
      fwd.on('connectionError', (err: unknown) => log.warn(`port-forward ${fwd.label}: ${formatKubeError(err)}`));
      await fwd.start();
      deps.forwards.push(fwd);
      tree.refresh();
      void vscode.window.showInformationMessage(`Forwarding ${fwd.bound.map((b) => `127.0.0.1:${b.local} → ${kind}/${node.object.metadata.name}:${b.remote}`).join(', ')}`);
      return fwd.bound;
    },
    'shipshape.k8s.stopPortForward': async (_, arg) => {
      const el = arg as TreeElement | undefined;
      const fwd =
        el?.type === 'forward'
          ? el.forwarder
          : await vscode.window
              .showQuickPick(
                deps.forwards.map((f) => ({ label: f.label, f })),
                { title: 'Stop port-forward' },
              )
              .then((p) => p?.f);
      if (!fwd) return;
      fwd.stop();
      deps.forwards.splice(deps.forwards.indexOf(fwd), 1);
      tree.refresh();
    },
    // Registered by cluster-validation.ts (it owns the diagnostics); listed so the table stays complete.
    'shipshape.k8s.validateOnCluster': async () => undefined,
  };
}

/** Registers the table; the two entries owned by other modules come as handlers from them. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps, owned: Pick<Record<KubernetesCommand, Handler<CommandDeps>>, 'shipshape.k8s.internal.reload' | 'shipshape.k8s.validateOnCluster'>): void {
  registerTable(context, { ...kubernetesCommands(deps), ...owned }, { ctx: deps, log: deps.log, describe: formatKubeError });
}
