// The Kubernetes and Docker parts as the core sets them up at activation, without loading either:
// command stubs, the two explorer views over lazy trees, and lazy providers for their documents' schemes.
// Everything of a part that needs its bundle waits for its first use (parts/part.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as dockerPart from '../docker';
import type * as kubernetesPart from '../kubernetes';
import type { DockerNode } from '../docker/tree';
import type { TreeElement } from '../kubernetes/vscode/tree';
import type { KubernetesLanguage } from '../language/cluster-version';
import type { PreviewDocuments } from '../preview';
import { SCHEMES } from './host';
import { LazyContent, LazyFileSystem, LazyTree } from './lazy';
import { Part } from './part';

export interface Parts {
  kubernetes: Part<kubernetesPart.KubernetesPart>;
  docker: Part<dockerPart.DockerPart>;
}

export function registerParts(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, language: KubernetesLanguage, previews: PreviewDocuments): Parts {
  const bundle = (name: string) => context.asAbsolutePath(path.join('dist', `${name}.js`));
  const k8sTree = new LazyTree<TreeElement>(() => kubernetes.get());
  const objects = new LazyFileSystem(() => kubernetes.get());
  const logs = new LazyContent(() => kubernetes.get());
  const k8sView = vscode.window.createTreeView('shipshape.kubernetes', { treeDataProvider: k8sTree, showCollapseAll: true });
  const kubernetes: Part<kubernetesPart.KubernetesPart> = new Part(
    'kubernetes',
    bundle('kubernetes'),
    (module) => (module as typeof kubernetesPart).registerKubernetes({ context, log, previews, language, view: k8sView, tree: k8sTree, objects, logs }),
    log,
  );

  const dockerTree = new LazyTree<DockerNode>(() => docker.get());
  const inspect = new LazyContent(() => docker.get());
  const dockerView = vscode.window.createTreeView('shipshape.docker', { treeDataProvider: dockerTree, showCollapseAll: true });
  const docker: Part<dockerPart.DockerPart> = new Part(
    'docker',
    bundle('docker'),
    (module) => (module as typeof dockerPart).registerDocker({ context, log, previews, view: dockerView, tree: dockerTree, inspect, kubernetes: () => kubernetes.get().access }),
    log,
  );

  context.subscriptions.push(
    kubernetes,
    docker,
    k8sView,
    dockerView,
    vscode.workspace.registerFileSystemProvider(SCHEMES.kubernetesObjects, objects, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SCHEMES.kubernetesLogs, logs),
    vscode.workspace.registerTextDocumentContentProvider(SCHEMES.dockerInspect, inspect),
  );
  return { kubernetes, docker };
}
