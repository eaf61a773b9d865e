// "Shipshape: Build and Deploy": build the image, push it, set it on the chosen Deployment's container,
// follow the rollout, then show the new pods' logs. The Kubernetes calls are in deploy.ts.
import * as vscode from 'vscode';
import * as k8s from '@kubernetes/client-node';
import type { DockerCommands } from './commands';
import { OutputTerminal } from './terminals';
import { listDeployments, podsWithImage, setDeploymentImage, waitForRollout } from './deploy';

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
  const deployments = await listDeployments(kc);
  const pick = await vscode.window.showQuickPick(
    deployments.flatMap((d) => d.containers.map((c) => ({ label: `${d.namespace}/${d.name}`, description: `${c.name}: ${c.image}`, d, c }))),
    { title: 'Build and Deploy: Deployment container to update' },
  );
  if (!pick) return term.finish(false, 'No Deployment chosen.');
  const gen = await setDeploymentImage(kc, pick.d.namespace, pick.d.name, pick.c.name, target);
  term.line(`Set ${pick.d.namespace}/${pick.d.name} container ${pick.c.name} image to ${target}`);
  await waitForRollout(kc, pick.d.namespace, pick.d.name, { minGeneration: gen, onStatus: (m) => term.line(m), signal: term.signal });
  const pods = await podsWithImage(kc, pick.d.namespace, pick.d.name, pick.c.name, target);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  for (const pod of pods.slice(0, 3)) {
    term.line(`\n--- logs of ${pod} ---`);
    try {
      term.write(await core.readNamespacedPodLog({ name: pod, namespace: pick.d.namespace, container: pick.c.name, tailLines: 100 }));
    } catch (err) {
      term.line(`(no logs yet: ${(err as Error).message})`);
    }
  }
  term.finish(true, `Deployed ${target} to ${pick.d.namespace}/${pick.d.name}`);
}
