// Every action on real objects, through the change door, checking the API server's state after each:
// server-side apply (field manager shipshape) with its diff and dry-run, scale, rollout restart/undo,
// set image, cordon/uncordon, delete, edit live with uid/resourceVersion preconditions, describe with
// events, Secret masking, protected contexts.
import * as assert from 'node:assert/strict';
import { applyChanges } from '../../client/src/kubernetes/actions/apply';
import { describe as describeObject } from '../../client/src/kubernetes/actions/describe';
import { conflictOf, openForEdit, saveChange, sessionOf, type EditSession } from '../../client/src/kubernetes/actions/edit';
import { parseManifests } from '../../client/src/kubernetes/actions/manifests';
import { confirmationAccepts, confirmationFor, HIDDEN, maskSecret, revealSecretValue } from '../../client/src/kubernetes/actions/safety';
import { cordonChange, deleteChange, getObject, rolloutRestartChange, rolloutUndoChange, scaleChange, setImageChange } from '../../client/src/kubernetes/actions/workload';
import type { ChangeResult } from '../../client/src/kubernetes/change/door';
import type { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import { describeKubeError } from '../../client/src/kubernetes/cluster/errors';
import { kindByName } from '../../client/src/kubernetes/resources/kinds';
import type { KubeList, KubeObject } from '../../client/src/kubernetes/resources/types';
import { changeOne, changeThroughDoor, connect, deploymentBody, kubeSkip, liveTest, requireEnv, scriptedDoor, tempNamespace, until, waitRunning } from './cluster-support';

const applyObjects = async (conn: ClusterConnection, objects: KubeObject[]) => changeThroughDoor(conn, 'apply', await applyChanges(conn, objects));
const previewApply = async (conn: ClusterConnection, objects: KubeObject[]) => scriptedDoor(conn).door.preview({ context: conn.context, verb: 'apply', target: 'file', confirm: true, mutations: await applyChanges(conn, objects) });
/** A live-edit save through the door, as the shipshape-k8s file system does it. */
async function saveEdit(conn: ClusterConnection, session: EditSession, text: string, resourceVersion?: string): Promise<ChangeResult & { session?: EditSession }> {
  const m = saveChange(session, text, resourceVersion);
  if ('invalid' in m) return { ref: session.ref.name, status: 'failed', error: m.invalid, diff: '' };
  const [r] = await changeThroughDoor(conn, 'save', [m]);
  return { ...r!, session: r!.object ? sessionOf(session.ref, r!.object) : undefined };
}
import { stringify } from 'yaml';

const DEPLOY = kindByName('Deployment')!;

liveTest('apply: server-side apply of every document with field manager shipshape, diff first, dry-run changes nothing', { skip: kubeSkip, timeout: 120_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-apply');
  try {
    admin.namespace = ns; // documents without a namespace go to the context's namespace
    const manifest = [
      stringify(deploymentBody('api', 1)),
      stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'a' } }),
      stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] } }),
    ].join('---\n');
    const objects = parseManifests(manifest);
    assert.equal(objects.length, 3);

    const dry = await previewApply(admin, objects);
    assert.deepEqual(
      dry.map((r) => `${r.ref}:${r.status}`),
      [`Deployment/${ns}/api:created`, `ConfigMap/${ns}/settings:created`, `Service/${ns}/api:created`],
    );
    assert.match(dry[1]!.diff, /^\+  mode: a$/m);
    // Server defaults show up in the preview (the dry run went through the API server).
    assert.match(dry[2]!.diff, /\+\s+clusterIP: /);
    const none = await admin.json<KubeList>(`/api/v1/namespaces/${ns}/configmaps`, { query: { fieldSelector: 'metadata.name=settings' } });
    assert.equal(none.items.length, 0, 'dry run created nothing');

    const applied = await applyObjects(admin, objects);
    assert.deepEqual(
      applied.map((r) => r.status),
      ['created', 'created', 'created'],
    );
    const cm = await admin.json<KubeObject>(`/api/v1/namespaces/${ns}/configmaps/settings`);
    assert.deepEqual(cm.data, { mode: 'a' });
    const managers = (cm.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
    assert.deepEqual(managers, ['shipshape/Apply']);

    // Re-apply unchanged, then a change: the diff shows exactly it.
    assert.deepEqual(
      (await applyObjects(admin, objects)).map((r) => r.status),
      ['unchanged', 'unchanged', 'unchanged'],
    );
    const changed = parseManifests(manifest.replace('mode: a', 'mode: b'));
    const preview = await previewApply(admin, changed);
    assert.equal(preview[1]!.status, 'configured');
    assert.match(preview[1]!.diff, /^-  mode: a\n\+  mode: b$/m);
    assert.equal((await admin.json<KubeObject>(`/api/v1/namespaces/${ns}/configmaps/settings`)).data!.mode, 'a');
    await applyObjects(admin, changed);
    assert.equal((await admin.json<KubeObject>(`/api/v1/namespaces/${ns}/configmaps/settings`)).data!.mode, 'b');

    // One bad document fails alone with the API server's reason.
    const bad = await applyObjects(admin, parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\n`));
    assert.equal(bad[0]!.status, 'failed');
    assert.match(bad[0]!.error!, /^422 Invalid: .*Bad_Name/);
    assert.equal(bad[1]!.status, 'created');

    // The limited user: 403 named clearly, nothing applied.
    const limited = connect('limited');
    const denied = await applyObjects(limited, parseManifests(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nope, namespace: ${ns}}\n`));
    assert.equal(denied[0]!.status, 'failed');
    assert.match(denied[0]!.error!, /^403 Forbidden: .*shipshape-limited/);
  } finally {
    await cleanup();
  }
});

liveTest('scale, rollout restart, set image, rollout undo, delete on a real Deployment', { skip: kubeSkip, timeout: 180_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-rollout');
  const ref = { kind: DEPLOY, namespace: ns, name: 'web' };
  try {
    await admin.json(`/apis/apps/v1/namespaces/${ns}/deployments`, { method: 'POST', body: deploymentBody('web', 1, 'registry.invalid/web:1') });
    await waitRunning(admin, ns, 'app=web', 1);

    await changeOne(admin, 'scale', scaleChange(ref, 3));
    assert.equal((await getObject(admin, ref)).spec.replicas, 3);
    await waitRunning(admin, ns, 'app=web', 3);

    const before = await getObject(admin, ref);
    await changeOne(admin, 'restart', rolloutRestartChange(ref, new Date('2030-01-02T03:04:05Z')));
    const restarted = await getObject(admin, ref);
    assert.equal(restarted.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2030-01-02T03:04:05.000Z');
    assert.ok(Number(restarted.metadata.generation) > Number(before.metadata.generation));
    await until('the controller rolls a new ReplicaSet (revision 2)', 60_000, async () => (await getObject(admin, ref)).metadata.annotations?.['deployment.kubernetes.io/revision'] === '2' || undefined);

    await changeOne(admin, 'set image', setImageChange(ref, 'app', 'registry.invalid/web:2'));
    assert.equal((await getObject(admin, ref)).spec.template.spec.containers[0].image, 'registry.invalid/web:2');
    await until('revision 3', 60_000, async () => (await getObject(admin, ref)).metadata.annotations?.['deployment.kubernetes.io/revision'] === '3' || undefined);
    await until('pods run the new image', 90_000, async () => {
      const pods = await admin.json<KubeList>(`/api/v1/namespaces/${ns}/pods`, { query: { labelSelector: 'app=web' } });
      const live = pods.items.filter((p) => !p.metadata.deletionTimestamp);
      return live.length === 3 && live.every((p) => p.spec.containers[0].image === 'registry.invalid/web:2' && p.status?.phase === 'Running') ? true : undefined;
    });

    const undo = await rolloutUndoChange(admin, ref);
    assert.equal(undo.revision, 2);
    // The object moves on between reading it and changing it (as the controller's status writes make it
    // do): the undo's resourceVersion test fails, and the door rebuilds it from a fresh read.
    await admin.json(`/apis/apps/v1/namespaces/${ns}/deployments/web`, { method: 'PATCH', contentType: 'application/merge-patch+json', body: { metadata: { annotations: { 'shipshape.test/moved-on': 'yes' } } } });
    await changeOne(admin, 'roll back', undo.mutation);
    const undone = await getObject(admin, ref);
    assert.equal(undone.spec.template.spec.containers[0].image, 'registry.invalid/web:1');
    assert.equal(undone.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2030-01-02T03:04:05.000Z');

    await changeOne(admin, 'scale', scaleChange(ref, 0));
    assert.equal((await getObject(admin, ref)).spec.replicas, 0);
    assert.throws(() => scaleChange(ref, -1), RangeError);

    // Delete carries the uid precondition: a stale uid (the object was recreated) deletes nothing.
    const uid = (await getObject(admin, ref)).metadata.uid!;
    const [stale] = await changeThroughDoor(admin, 'delete', [deleteChange(ref, { uid: 'aaaaaaaa-0000-0000-0000-000000000000' })]);
    assert.equal(stale!.status, 'failed');
    assert.match(stale!.error!, /deleted and created again/);
    assert.equal((await getObject(admin, ref)).metadata.uid, uid, 'still there');
    await changeOne(admin, 'delete', deleteChange(ref, { uid }));
    await until(
      'deployment gone',
      30_000,
      async () =>
        (await getObject(admin, ref).then(
          () => false,
          (e: unknown) => describeKubeError(e).status === 404,
        )) || undefined,
    );
  } finally {
    await cleanup();
  }
});

liveTest('cordon and uncordon the KWOK node', { skip: kubeSkip, timeout: 30_000 }, async () => {
  const admin = connect('admin');
  const node = requireEnv('SHIPSHAPE_TEST_KUBE_NODE');
  const ref = { kind: kindByName('Node')!, name: node };
  try {
    await changeOne(admin, 'cordon', cordonChange(node, true));
    assert.equal((await getObject(admin, ref)).spec.unschedulable, true);
  } finally {
    await changeOne(admin, 'uncordon', cordonChange(node, false));
  }
  assert.equal((await getObject(admin, ref)).spec.unschedulable, undefined);
  // The limited user may not.
  await assert.rejects(changeOne(connect('limited'), 'cordon', cordonChange(node, true)), (e: unknown) => describeKubeError(e).status === 403);
});

liveTest('edit live: saving replaces at the read resourceVersion; a concurrent change is a conflict with a diff, never overwritten silently', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-edit');
  const ref = { kind: kindByName('ConfigMap')!, namespace: ns, name: 'cfg' };
  try {
    await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'cfg' }, data: { color: 'blue' } } });
    const session = await openForEdit(admin, ref);
    assert.ok(!session.text.includes('managedFields'), 'managed fields are hidden');
    assert.match(session.text, /color: blue/);

    const saved = await saveEdit(admin, session, session.text.replace('color: blue', 'color: green'));
    assert.equal(saved.status, 'configured');
    assert.equal((await getObject(admin, ref)).data!.color, 'green');
    const afterSave = (await getObject(admin, ref)) as KubeObject;
    assert.ok((afterSave.metadata.managedFields as unknown[]).length > 0, 'server kept managed fields');

    // Someone else changes it; our stale save must not win.
    const stale = saved.session!;
    await admin.json(`/api/v1/namespaces/${ns}/configmaps/cfg`, { method: 'PATCH', body: { data: { color: 'red' } }, contentType: 'application/merge-patch+json' });
    const edit = stale.text.replace('color: green', 'color: yellow');
    const conflict = await saveEdit(admin, stale, edit);
    assert.equal(conflict.status, 'failed');
    assert.equal(conflict.httpStatus, 409);
    const live = await getObject(admin, ref);
    const shown = conflictOf(stale, live, edit);
    assert.match(shown.message, /changed on the server/);
    assert.match(shown.diff, /^-  color: red\n\+  color: yellow$/m);
    assert.equal(live.data!.color, 'red', 'the concurrent change survived');
    // The user chose to overwrite after seeing the diff: at the live resourceVersion, same uid.
    const forced = await saveEdit(admin, stale, edit, live.metadata.resourceVersion);
    assert.equal(forced.status, 'configured');
    assert.equal((await getObject(admin, ref)).data!.color, 'yellow');

    // Deleted and created again under the same name: the old session's save is refused, even when overwriting.
    await admin.json(`/api/v1/namespaces/${ns}/configmaps/cfg`, { method: 'DELETE' });
    await admin.json(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: 'cfg' }, data: { color: 'new' } } });
    const recreated = await getObject(admin, ref);
    const refused = await saveEdit(admin, forced.session!, forced.session!.text.replace('color: yellow', 'color: old'), recreated.metadata.resourceVersion);
    assert.equal(refused.status, 'failed');
    assert.match(refused.error!, /deleted and created again/);
    assert.equal((await getObject(admin, ref)).data!.color, 'new');

    const invalid = await saveEdit(admin, forced.session!, 'metadata:\n  name: other\n');
    assert.equal(invalid.status, 'failed');
    assert.match(invalid.error!, /metadata.name cannot change/);
  } finally {
    await cleanup();
  }
});

liveTest('describe shows events; Secrets are masked until one value is revealed; protected contexts need the typed name', { skip: kubeSkip, timeout: 90_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-describe');
  try {
    await admin.json(`/apis/apps/v1/namespaces/${ns}/deployments`, { method: 'POST', body: deploymentBody('ev', 1) });
    const [pod] = await waitRunning(admin, ns, 'app=ev', 1);
    const text = await until('a Scheduled event in describe', 30_000, async () => {
      const t = await describeObject(admin, { kind: kindByName('Pod')!, namespace: ns, name: pod!.metadata.name });
      return /Scheduled .*default-scheduler: Successfully assigned/.test(t) ? t : undefined;
    });
    assert.match(text, /^Name: +ev-/m);
    assert.match(text, /^Status: +Running · 1\/1/m);
    assert.doesNotMatch(text, /managedFields/);

    await admin.json(`/api/v1/namespaces/${ns}/secrets`, { method: 'POST', body: { metadata: { name: 'creds' }, stringData: { password: 's3cr3t-value' } } });
    const secretRef = { kind: kindByName('Secret')!, namespace: ns, name: 'creds' };
    const secret = await getObject(admin, secretRef);
    const masked = maskSecret(secret);
    assert.deepEqual(masked.data, { password: HIDDEN });
    assert.ok(!JSON.stringify(masked).includes(Buffer.from('s3cr3t-value').toString('base64')));
    const described = await describeObject(admin, secretRef);
    assert.ok(!described.includes('s3cr3t') && !described.includes(Buffer.from('s3cr3t-value').toString('base64')), 'describe never shows the value');
    assert.equal(revealSecretValue(secret, 'password'), 's3cr3t-value');

    const protectedC = confirmationFor('delete', 'Deployment ev', 'prod-eu-1', ['prod-*']);
    assert.equal(protectedC.kind, 'type-name');
    assert.equal(confirmationAccepts(protectedC, 'yes'), false);
    assert.equal(confirmationAccepts(protectedC, 'prod-eu-1'), true);
    assert.equal(confirmationFor('delete', 'x', 'shipshape-admin', ['prod-*']).kind, 'confirm');
  } finally {
    await cleanup();
  }
});

liveTest('applying a Secret: the preview diff says which keys change, never their values', { skip: kubeSkip, timeout: 60_000 }, async () => {
  const admin = connect('admin');
  const { ns, cleanup } = await tempNamespace(admin, 'shipshape-secret-apply');
  try {
    const doc = (v: string) => parseManifests(`apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: ${ns}}\nstringData:\n  password: ${v}\n  user: admin\n`);
    const first = await applyObjects(admin, doc('first-s3cret'));
    assert.equal(first[0]!.status, 'created');
    const preview = await previewApply(admin, doc('second-s3cret'));
    assert.equal(preview[0]!.status, 'configured');
    const diff = preview[0]!.diff;
    for (const leaked of ['first-s3cret', 'second-s3cret', Buffer.from('first-s3cret').toString('base64'), Buffer.from('second-s3cret').toString('base64')]) assert.ok(!diff.includes(leaked), `diff leaks ${leaked}:\n${diff}`);
    assert.match(diff, /^-  password: \(hidden, 12 bytes, sha256 [0-9a-f]{8}\)$/m);
    assert.match(diff, /^\+  password: \(hidden, 13 bytes, sha256 [0-9a-f]{8}\)$/m);
    assert.doesNotMatch(diff, /^[-+] {2}user:/m, 'unchanged keys are not in the diff');
    // And the dry run left the value alone.
    const live = await admin.json<KubeObject>(`/api/v1/namespaces/${ns}/secrets/db`);
    assert.equal(Buffer.from(live.data!.password!, 'base64').toString(), 'first-s3cret');
  } finally {
    await cleanup();
  }
});
