// The Helm release rows of the explorer: read-only documents (values, manifest, notes, history) from
// the release Secrets the explorer watches, and install/upgrade/rollback/uninstall through the helm
// binary (helm/helm-cli.ts) behind the change door's checks (trust, protected contexts, confirmation).
import * as vscode from 'vscode';
import { config } from '../../config';
import type { PreviewDocuments } from '../../preview';
import { changeRelease, locateHelm, type HelmTarget, type ReleaseChange } from '../helm/helm-cli';
import { releasePartText, type ReleasePart } from '../helm/releases';
import type { ExplorerModel, ExplorerNode } from '../explorer/model';
import { changePrompts } from './change-prompts';

type ReleaseNode = Extract<ExplorerNode, { type: 'helmRelease' }>;
type ReleasesNode = Extract<ExplorerNode, { type: 'helmReleases' }>;

const LANGUAGE: Record<ReleasePart, string> = { values: 'yaml', manifest: 'yaml', notes: 'plaintext', history: 'plaintext' };

function releaseNode(arg: unknown): ReleaseNode {
  const node = arg as ExplorerNode | undefined;
  if (node?.type !== 'helmRelease') throw new Error('Choose a Helm release in the Kubernetes explorer');
  return node;
}

export async function showReleasePart(model: ExplorerModel, previews: PreviewDocuments, arg: unknown, part: ReleasePart): Promise<vscode.TextDocument> {
  const { release } = releaseNode(arg);
  const text = releasePartText(release, part, model.releases);
  return previews.show(`helm-${part}-${release.namespace}-${release.name}-v${release.revision}`, text, LANGUAGE[part]);
}

function targetOf(model: ExplorerModel, context: string, namespace: string): HelmTarget {
  return { kubeconfigs: model.loaded.sources.filter((s) => !s.error).map((s) => s.file), context, namespace };
}

async function pickChart(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false, openLabel: 'Use Chart', filters: { 'Chart folder or package': ['tgz'] } });
  return picked?.[0]?.fsPath;
}

async function askSet(): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({ prompt: 'Values to set (helm --set), comma-separated; empty for none', placeHolder: 'image.tag=1.2.3,replicaCount=2' });
  return text === undefined ? undefined : text ? [text] : [];
}

async function run(model: ExplorerModel, previews: PreviewDocuments, log: vscode.LogOutputChannel, context: string, namespace: string, change: ReleaseChange): Promise<unknown> {
  const binary = locateHelm(config.helmPath() || undefined);
  const door = { trusted: () => vscode.workspace.isTrusted, protectedContexts: () => config.protectedContexts() };
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `helm ${change.verb} ${change.release}` }, () =>
    changeRelease(binary, targetOf(model, context, namespace), change, door, changePrompts(previews)),
  );
  if (!result) return undefined;
  log.info(`helm ${change.verb} ${namespace}/${change.release} in ${context}:\n${result.stdout}`);
  void vscode.window.setStatusBarMessage(`$(check) helm ${change.verb} ${change.release} done`, 5000);
  return result;
}

export type HelmReleaseCommand =
  | 'shipshape.k8s.helmShowManifest'
  | 'shipshape.k8s.helmShowValues'
  | 'shipshape.k8s.helmShowNotes'
  | 'shipshape.k8s.helmShowHistory'
  | 'shipshape.k8s.helmInstall'
  | 'shipshape.k8s.helmUpgrade'
  | 'shipshape.k8s.helmRollback'
  | 'shipshape.k8s.helmUninstall';

export function helmReleaseCommands(model: ExplorerModel, previews: PreviewDocuments, log: vscode.LogOutputChannel): Record<HelmReleaseCommand, (ctx: unknown, ...args: unknown[]) => Promise<unknown>> {
  return {
    'shipshape.k8s.helmShowManifest': async (_: unknown, arg: unknown) => showReleasePart(model, previews, arg, 'manifest'),
    'shipshape.k8s.helmShowValues': async (_: unknown, arg: unknown) => showReleasePart(model, previews, arg, 'values'),
    'shipshape.k8s.helmShowNotes': async (_: unknown, arg: unknown) => showReleasePart(model, previews, arg, 'notes'),
    'shipshape.k8s.helmShowHistory': async (_: unknown, arg: unknown) => showReleasePart(model, previews, arg, 'history'),
    'shipshape.k8s.helmInstall': async (_: unknown, arg: unknown) => {
      const node = arg as ReleasesNode | undefined;
      const context = node?.type === 'helmReleases' ? node.context : model.current;
      const namespace = node?.type === 'helmReleases' ? node.namespace : model.namespaceOf(context);
      const chart = await pickChart();
      if (!chart) return undefined;
      const release = await vscode.window.showInputBox({
        prompt: `Release name in ${namespace} (${context})`,
        validateInput: (v) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 53 ? undefined : 'Lowercase letters, digits and -, at most 53'),
      });
      if (!release) return undefined;
      const set = await askSet();
      if (!set) return undefined;
      return run(model, previews, log, context, namespace, { verb: 'install', release, chart, set });
    },
    'shipshape.k8s.helmUpgrade': async (_: unknown, arg: unknown) => {
      const { context, release } = releaseNode(arg);
      const chart = await pickChart();
      if (!chart) return undefined;
      const set = await askSet();
      if (!set) return undefined;
      return run(model, previews, log, context, release.namespace, { verb: 'upgrade', release: release.name, chart, set });
    },
    'shipshape.k8s.helmRollback': async (_: unknown, arg: unknown) => {
      const { context, release } = releaseNode(arg);
      const older = release.revisions.filter((r) => r.revision !== release.revision);
      if (!older.length) throw new Error(`Release ${release.name} has no earlier revision to roll back to`);
      const picked = await vscode.window.showQuickPick(
        older.map((r) => ({ label: `Revision ${r.revision}`, description: r.status, revision: r.revision })),
        { title: `Roll ${release.name} back to` },
      );
      if (!picked) return undefined;
      return run(model, previews, log, context, release.namespace, { verb: 'rollback', release: release.name, revision: picked.revision });
    },
    'shipshape.k8s.helmUninstall': async (_: unknown, arg: unknown) => {
      const { context, release } = releaseNode(arg);
      return run(model, previews, log, context, release.namespace, { verb: 'uninstall', release: release.name });
    },
  };
}
