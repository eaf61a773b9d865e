// "Shipshape: Build and Deploy": build the image, push it, set it on the chosen Deployment's container in
// the context chosen in the Kubernetes explorer (through the change door: dry-run preview, the protected
// context's name, no force), follow the rollout, then show the new pods' logs. The Kubernetes calls are in deploy.ts.
import * as vscode from 'vscode';
import type { DockerCommands } from './commands';
import { OutputTerminal } from './terminals';
import type { KubernetesAccess } from '../kubernetes';
import { deployImage, followPodLogs, listDeployments, manifestContainers, podsWithImage, setImageInManifest, waitForRollout, type DeployTarget } from './deploy';

export async function buildAndDeploy(cmds: DockerCommands, kubernetes: KubernetesAccess, uri?: vscode.Uri): Promise<void> {
  const { model, door } = kubernetes;
  const context = model.current;
  if (!context) throw new Error('No Kubernetes context: add one to your kubeconfig (or shipshape.kubeconfigs) and pick it in the Kubernetes explorer.');
  const built = await cmds.build(uri);
  if (!built) return;
  const target = await vscode.window.showInputBox({
    title: 'Build and Deploy: push as',
    prompt: 'registry/repository:tag the cluster can pull',
    value: built,
  });
  if (!target) return;
  const term = new OutputTerminal(`Deploy ${target}`);
  const digest = await cmds.pushRef(built, target, term);
  term.line(`Pushed ${target}${digest ? ` (${digest})` : ''}`);

  const conn = model.connection(context);
  term.line(`Cluster: context ${context} (the Kubernetes explorer's), namespace ${conn.namespace}`);
  const where = await vscode.window.showQuickPick(
    [
      { label: 'Deployment in the cluster', description: context, manifest: false },
      { label: 'Manifest file in the workspace', description: 'set the image in the file, then apply it (server-side, never forced)', manifest: true },
    ],
    { title: 'Build and Deploy: where to set the image' },
  );
  if (!where) return term.finish(false, 'Cancelled.');
  let deployTarget: DeployTarget;
  let container: string;
  let pending: (() => Promise<void>) | undefined;
  if (!where.manifest) {
    const deployments = await listDeployments(conn);
    const pick = await vscode.window.showQuickPick(
      deployments.flatMap((d) => d.containers.map((c) => ({ label: `${d.namespace}/${d.name}`, description: `${c.name}: ${c.image}`, d, c }))),
      { title: `Build and Deploy: Deployment container to update (${context})` },
    );
    if (!pick) return term.finish(false, 'No Deployment chosen.');
    deployTarget = { kind: 'deployment', namespace: pick.d.namespace, name: pick.d.name, container: pick.c.name };
    container = pick.c.name;
  } else {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 500);
    const candidates: Array<{ label: string; description: string; uri: vscode.Uri; c: ReturnType<typeof manifestContainers>[number] }> = [];
    for (const file of files) {
      const text = (await vscode.workspace.openTextDocument(file)).getText();
      if (!/\bkind:\s*Deployment\b/.test(text)) continue;
      for (const c of manifestContainers(text).filter((x) => x.kind === 'Deployment')) {
        candidates.push({ label: `${c.name} / ${c.container}`, description: `${vscode.workspace.asRelativePath(file)} · ${c.image}`, uri: file, c });
      }
    }
    const pick = await vscode.window.showQuickPick(candidates, { title: 'Build and Deploy: Deployment container in a manifest' });
    if (!pick) return term.finish(false, 'No manifest chosen.');
    const doc = await vscode.workspace.openTextDocument(pick.uri);
    const { text, object } = setImageInManifest(doc.getText(), pick.c, target);
    deployTarget = { kind: 'manifest', object };
    container = pick.c.container;
    // The file changes only once the cluster took the change.
    pending = async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(pick.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
      term.line(`Set the image in ${vscode.workspace.asRelativePath(pick.uri)}`);
    };
  }
  const deployed = await deployImage(door, conn, deployTarget, target);
  if (!deployed) return term.finish(false, 'Not deployed (declined).');
  await pending?.();
  term.line(`Set ${deployed.namespace}/${deployed.name} container ${container} image to ${target} in ${context}`);
  await waitForRollout(conn, deployed.namespace, deployed.name, { minGeneration: deployed.generation, onStatus: (m) => term.line(m), signal: term.signal });
  const pods = await podsWithImage(conn, deployed.namespace, deployed.name, container, target);
  term.line(`Rolled out. Following the logs of ${pods.length > 3 ? '3 of ' : ''}${pods.length} new pod(s); close the terminal (or Ctrl+C) to stop.`);
  try {
    await followPodLogs(conn, deployed.namespace, pods.slice(0, 3), container, (pod, line) => term.line(`[${pod}] ${line}`), term.signal);
  } catch (err) {
    term.line(`(no logs: ${(err as Error).message})`);
  }
  term.finish(true, `Deployed ${target} to ${deployed.namespace}/${deployed.name} in ${context}`);
}
