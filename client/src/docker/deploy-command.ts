// "Shipshape: Build and Deploy": build the image, push it, set it on the chosen Deployment's container,
// follow the rollout, then show the new pods' logs. The Kubernetes calls are in deploy.ts.
import * as vscode from 'vscode';
import * as k8s from '@kubernetes/client-node';
import type { DockerCommands } from './commands';
import { OutputTerminal } from './terminals';
import { applyObject, followPodLogs, listDeployments, manifestContainers, podsWithImage, setDeploymentImage, setImageInManifest, waitForRollout } from './deploy';

export async function buildAndDeploy(cmds: DockerCommands, uri?: vscode.Uri): Promise<void> {
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

  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  term.line(`Cluster: context ${kc.getCurrentContext()}`);
  const where = await vscode.window.showQuickPick(
    [
      { label: 'Deployment in the cluster', description: kc.getCurrentContext(), manifest: false },
      { label: 'Manifest file in the workspace', description: 'set the image in the file, then apply it', manifest: true },
    ],
    { title: 'Build and Deploy: where to set the image' },
  );
  if (!where) return term.finish(false, 'Cancelled.');
  let target_: { namespace: string; name: string; container: string };
  let gen: number;
  if (!where.manifest) {
    const deployments = await listDeployments(kc);
    const pick = await vscode.window.showQuickPick(
      deployments.flatMap((d) => d.containers.map((c) => ({ label: `${d.namespace}/${d.name}`, description: `${c.name}: ${c.image}`, d, c }))),
      { title: 'Build and Deploy: Deployment container to update' },
    );
    if (!pick) return term.finish(false, 'No Deployment chosen.');
    gen = await setDeploymentImage(kc, pick.d.namespace, pick.d.name, pick.c.name, target);
    target_ = { namespace: pick.d.namespace, name: pick.d.name, container: pick.c.name };
    term.line(`Set ${pick.d.namespace}/${pick.d.name} container ${pick.c.name} image to ${target}`);
  } else {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 500);
    const candidates: Array<{ label: string; description: string; uri: vscode.Uri; c: ReturnType<typeof manifestContainers>[number] }> = [];
    for (const uri of files) {
      const text = (await vscode.workspace.openTextDocument(uri)).getText();
      if (!/\bkind:\s*Deployment\b/.test(text)) continue;
      for (const c of manifestContainers(text).filter((x) => x.kind === 'Deployment')) {
        candidates.push({ label: `${c.name} / ${c.container}`, description: `${vscode.workspace.asRelativePath(uri)} · ${c.image}`, uri, c });
      }
    }
    const pick = await vscode.window.showQuickPick(candidates, { title: 'Build and Deploy: Deployment container in a manifest' });
    if (!pick) return term.finish(false, 'No manifest chosen.');
    const doc = await vscode.workspace.openTextDocument(pick.uri);
    const { text, object } = setImageInManifest(doc.getText(), pick.c, target);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(pick.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
    const applied = await applyObject(kc, object);
    gen = applied.metadata?.generation ?? 0;
    target_ = { namespace: applied.metadata?.namespace ?? 'default', name: pick.c.name, container: pick.c.container };
    term.line(`Set image in ${vscode.workspace.asRelativePath(pick.uri)} and applied ${target_.namespace}/${target_.name}`);
  }
  await waitForRollout(kc, target_.namespace, target_.name, { minGeneration: gen, onStatus: (m) => term.line(m), signal: term.signal });
  const pods = await podsWithImage(kc, target_.namespace, target_.name, target_.container, target);
  term.line(`Rolled out. Following the logs of ${pods.length > 3 ? '3 of ' : ''}${pods.length} new pod(s); close the terminal (or Ctrl+C) to stop.`);
  try {
    await followPodLogs(kc, target_.namespace, pods.slice(0, 3), target_.container, (pod, line) => term.line(`[${pod}] ${line}`), term.signal);
  } catch (err) {
    term.line(`(no logs: ${(err as Error).message})`);
  }
  term.finish(true, `Deployed ${target} to ${target_.namespace}/${target_.name}`);
}
