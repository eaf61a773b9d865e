// Helm releases in the explorer against the real API server: a chart installed, upgraded, rolled back
// and uninstalled through the explorer's own release commands (the helm binary built from engines/go.mod,
// pointed at the explorer's kubeconfig and context), the explorer model's "Helm Releases" node read
// from the release Secrets after each step, and the real `helm list` / `helm history` as the oracle of
// what the cluster holds. Protected contexts and workspace trust are enforced before helm runs.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { loadKubeconfigs } from '../../client/src/kubernetes/cluster/kubeconfig';
import { ChangeRefused } from '../../client/src/kubernetes/change/door';
import { ExplorerModel, type ExplorerNode } from '../../client/src/kubernetes/explorer/model';
import { changeRelease, type HelmTarget, type ReleaseChange } from '../../client/src/kubernetes/helm/helm-cli';
import { releasePartText, type HelmReleaseSummary } from '../../client/src/kubernetes/helm/releases';
// @ts-expect-error: a plain .mjs build script
import { buildHelm } from '../../scripts/engine.mjs';
import { connect, kubeSkip, liveTest, requireEnv, tempNamespace, until } from './cluster-support';

const CHART = path.resolve(__dirname, '../fixtures/helm-release/demo');
type ReleasesNode = Extract<ExplorerNode, { type: 'helmReleases' }>;

interface HelmListRow {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
  app_version: string;
}
interface HelmHistoryRow {
  revision: number;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

liveTest('Helm releases: install, upgrade, rollback and uninstall show in the explorer as helm list/history see them', { skip: kubeSkip, timeout: 240_000 }, async (t) => {
  const helm: string = buildHelm();
  const kubeconfig = requireEnv('KUBECONFIG');
  const context = requireEnv('SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT');
  const { ns, cleanup } = await tempNamespace(connect(), 'helmrel');
  t.after(cleanup);

  const model = new ExplorerModel(loadKubeconfigs([kubeconfig]), { policy: { allowPlugins: true } });
  t.after(() => model.dispose());
  model.setNamespace(ns, context);
  const ctxNode = (await model.children()).find((n) => n.type === 'context' && n.context === context)!;
  const releasesNode = (await model.children(ctxNode)).find((n): n is ReleasesNode => n.type === 'helmReleases');
  assert.ok(releasesNode, 'the context has a Helm Releases node');
  assert.equal(releasesNode.namespace, ns);
  const empty = await model.children(releasesNode);
  assert.deepEqual(
    empty.map((n) => n.type === 'message' && n.text),
    [`No Helm releases in ${ns}`],
  );

  const target: HelmTarget = { kubeconfigs: [kubeconfig], context, namespace: ns };
  const trusted = { trusted: () => true, protectedContexts: () => [] };
  const yes = { confirm: async () => true, typeName: async () => undefined };
  const run = (change: ReleaseChange) => changeRelease(helm, target, change, trusted, yes);
  const helmJson = <T>(...args: string[]): T => JSON.parse(execFileSync(helm, [...args, '--kube-context', context, '--namespace', ns, '-o', 'json'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } })) as T;
  const helmText = (...args: string[]): string => execFileSync(helm, [...args, '--kube-context', context, '--namespace', ns], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } });

  /** Waits until the explorer's watch shows `revision` of the release, then checks it against helm. */
  const shown = async (revision: number, status: string): Promise<HelmReleaseSummary> => {
    const release = await until(`explorer shows demo revision ${revision} ${status}`, 30_000, async () => {
      const nodes = await model.children(releasesNode);
      const r = nodes.find((n) => n.type === 'helmRelease')?.release;
      return r && r.revision === revision && r.status === status ? r : undefined;
    });
    const [listed] = helmJson<HelmListRow[]>('list');
    assert.ok(listed, 'helm list shows the release');
    assert.deepEqual(
      { name: release.name, namespace: release.namespace, revision: String(release.revision), status: release.status, chart: release.chart, app_version: release.appVersion },
      { name: listed.name, namespace: listed.namespace, revision: listed.revision, status: listed.status, chart: listed.chart, app_version: listed.app_version },
    );
    const history = helmJson<HelmHistoryRow[]>('history', 'demo');
    assert.deepEqual(
      release.revisions.map((r) => ({ revision: r.revision, status: r.status })),
      history.map((h) => ({ revision: h.revision, status: h.status })).reverse(),
      'the explorer holds every revision helm history lists',
    );
    const ourHistory = releasePartText(release, 'history', model.releases);
    for (const h of history) assert.match(ourHistory, new RegExp(`^${h.revision}\\s.*\\t${h.status}\\s+\\t?${h.chart}.*${h.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.equal(releasePartText(release, 'manifest', model.releases).trim(), helmText('get', 'manifest', 'demo').trim(), 'manifest = helm get manifest');
    assert.equal(
      releasePartText(release, 'notes', model.releases).trim(),
      helmText('get', 'notes', 'demo')
        .replace(/^NOTES:\n/, '')
        .trim(),
      'notes = helm get notes',
    );
    return release;
  };

  await run({ verb: 'install', release: 'demo', chart: CHART });
  const installed = await shown(1, 'deployed');
  assert.equal(installed.chart, 'demo-0.1.0');
  assert.equal(installed.appVersion, '1.0.0');
  assert.equal(releasePartText(installed, 'values', model.releases), 'null\n', 'no user-supplied values');
  assert.match(releasePartText(installed, 'notes', model.releases), /demo says hello\./);

  await run({ verb: 'upgrade', release: 'demo', chart: CHART, set: ['greeting=bonjour', 'replicaCount=2'] });
  const upgraded = await shown(2, 'deployed');
  assert.deepEqual(
    upgraded.revisions.map((r) => r.status),
    ['deployed', 'superseded'],
  );
  assert.equal(releasePartText(upgraded, 'values', model.releases), 'greeting: bonjour\nreplicaCount: 2\n');
  assert.match(releasePartText(upgraded, 'manifest', model.releases), /greeting: "bonjour"/);
  assert.match(releasePartText(upgraded, 'manifest', model.releases, 1), /greeting: "hello"/, 'an older revision reads its own manifest');

  await run({ verb: 'rollback', release: 'demo', revision: 1 });
  const rolledBack = await shown(3, 'deployed');
  assert.equal(rolledBack.description, 'Rollback to 1');
  assert.match(releasePartText(rolledBack, 'manifest', model.releases), /greeting: "hello"/);

  // A protected context with the wrong name typed, and an untrusted workspace: helm never runs.
  const asked: string[] = [];
  const refused = await changeRelease(helm, target, { verb: 'uninstall', release: 'demo' }, { trusted: () => true, protectedContexts: () => [context] }, { confirm: async () => true, typeName: async (m) => (asked.push(m), 'not-it') });
  assert.equal(refused, undefined);
  assert.match(asked[0]!, new RegExp(`"${context}" is a protected context`));
  await assert.rejects(changeRelease(helm, target, { verb: 'uninstall', release: 'demo' }, { trusted: () => false, protectedContexts: () => [] }, yes), ChangeRefused);
  assert.equal(helmJson<HelmListRow[]>('list').length, 1, 'still installed');

  await run({ verb: 'uninstall', release: 'demo' });
  await until('explorer shows no release', 30_000, async () => {
    const nodes = await model.children(releasesNode);
    return nodes.length === 1 && nodes[0]!.type === 'message' ? true : undefined;
  });
  assert.deepEqual(helmJson<HelmListRow[]>('list'), []);
});
