// What the core hands each part when it loads it (parts/part.ts): the extension's context and log, and
// the objects the core created at activation for the part (its view, its document schemes' providers),
// so nothing of the part is needed before its first use. Types only, besides the schemes: importing this
// pulls nothing into a bundle.
import type * as vscode from 'vscode';
import type { KubernetesAccess } from '../kubernetes';
import type { TreeElement } from '../kubernetes/vscode/tree';
import type { DockerNode } from '../docker/tree';
import type { KubernetesLanguage } from '../language/cluster-version';
import type { PreviewDocuments } from '../preview';
import type { LazyContent, LazyFileSystem, LazyTree } from './lazy';

/** The URI schemes of the parts' documents: the core registers a provider for each at activation. */
export const SCHEMES = {
  /** Live Kubernetes objects, editable (kubernetes/vscode/documents.ts). */
  kubernetesObjects: 'shipshape-k8s',
  /** Pod logs (kubernetes/vscode/logs.ts). */
  kubernetesLogs: 'shipshape-logs',
  /** Read-only `docker inspect` documents (docker/commands.ts). */
  dockerInspect: 'shipshape-docker',
} as const;

interface PartHost<T> {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  /** The one read-only preview provider (apply diffs, edit conflicts, prune plans). */
  previews: PreviewDocuments;
  /** The part's explorer view, created at activation; its data comes from `tree` once the part serves it. */
  view: vscode.TreeView<T>;
  tree: LazyTree<T>;
}

export interface KubernetesHost extends PartHost<TreeElement> {
  language: KubernetesLanguage;
  objects: LazyFileSystem;
  logs: LazyContent;
}

export interface DockerHost extends PartHost<DockerNode> {
  inspect: LazyContent;
  /** The Kubernetes part, loaded when Build and Deploy first needs it. */
  kubernetes(): KubernetesAccess;
}
