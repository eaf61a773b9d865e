// Helm release storage as Helm v3/v4 write it (base64 of gzip of JSON, inside a Secret's own base64 or
// a ConfigMap), grouping revisions into releases, and the guards before helm runs.
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { test } from 'node:test';
import { ChangeRefused } from '../../../client/src/kubernetes/change/door';
import { changeRelease, HelmMissing, helmArgs, locateHelm } from '../../../client/src/kubernetes/helm/helm-cli';
import { decodeReleaseObject, decodeReleasePayload, encodeReleasePayload, type StoredRelease } from '../../../client/src/kubernetes/helm/release-storage';
import { ReleaseDecoder, releasePartText, summarizeReleases } from '../../../client/src/kubernetes/helm/releases';
import type { KubeObject } from '../../../client/src/kubernetes/resources/types';

const release = (version: number, status: string, extra: Partial<StoredRelease> = {}): StoredRelease => ({
  name: 'web',
  namespace: 'shop',
  version,
  info: { status, last_deployed: `2026-01-0${version}T10:00:00Z`, description: version === 1 ? 'Install complete' : 'Upgrade complete', notes: `notes ${version}` },
  chart: { metadata: { name: 'web', version: `0.${version}.0`, appVersion: '2.0' } },
  config: version > 1 ? { replicas: version } : {},
  manifest: `---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\nv: ${version}\n`,
  ...extra,
});

const secret = (r: StoredRelease, uid = `uid-${r.version}`): KubeObject => ({
  kind: 'Secret',
  type: 'helm.sh/release.v1',
  metadata: { name: `sh.helm.release.v1.${r.name}.v${r.version}`, namespace: r.namespace, uid, resourceVersion: '1', labels: { owner: 'helm', name: r.name, version: String(r.version), status: r.info!.status! } },
  data: { release: Buffer.from(encodeReleasePayload(r)).toString('base64') },
});

test('a release Secret and a release ConfigMap decode to the release', () => {
  assert.deepEqual(decodeReleaseObject(secret(release(1, 'deployed'))), release(1, 'deployed'));
  const cm: KubeObject = { kind: 'ConfigMap', metadata: { name: 'sh.helm.release.v1.web.v1', namespace: 'shop', labels: { owner: 'helm', name: 'web', version: '1' } }, data: { release: encodeReleasePayload(release(1, 'deployed')) } };
  assert.equal(decodeReleaseObject(cm).chart?.metadata?.name, 'web');
});

test('a payload that is not a release is a clear error naming the object, and a gzip bomb is refused', () => {
  const bad = secret(release(1, 'deployed'));
  bad.data = { release: Buffer.from('H4sIAAAA-not-gzip').toString('base64') };
  assert.throws(() => decodeReleaseObject(bad), /Secret shop\/sh\.helm\.release\.v1\.web\.v1: the release payload is not/);
  assert.throws(() => decodeReleaseObject({ kind: 'Secret', metadata: { name: 'x', namespace: 'n' }, data: {} }), /Secret n\/x has no "release" key/);
  const bomb = zlib.gzipSync(Buffer.alloc(80 << 20, 0x20)).toString('base64');
  assert.throws(() => decodeReleasePayload(bomb), /inflates past 64 MiB/);
});

test('revisions group into one release with its newest revision and its history', () => {
  const decoder = new ReleaseDecoder();
  const objects = [secret(release(1, 'superseded')), secret(release(3, 'deployed')), secret(release(2, 'superseded')), { kind: 'Secret', metadata: { name: 'unrelated', namespace: 'shop' } }];
  const [web, ...rest] = summarizeReleases(objects, decoder);
  assert.equal(rest.length, 0);
  assert.deepEqual(
    { name: web!.name, revision: web!.revision, status: web!.status, chart: web!.chart, appVersion: web!.appVersion, updated: web!.updated },
    { name: 'web', revision: 3, status: 'deployed', chart: 'web-0.3.0', appVersion: '2.0', updated: '2026-01-03T10:00:00Z' },
  );
  assert.deepEqual(
    web!.revisions.map((r) => r.revision),
    [3, 2, 1],
  );
  assert.equal(releasePartText(web!, 'values', decoder), 'replicas: 3\n');
  assert.equal(releasePartText(web!, 'values', decoder, 1), 'null\n');
  assert.match(releasePartText(web!, 'manifest', decoder, 2), /v: 2/);
  assert.equal(releasePartText(web!, 'notes', decoder), 'notes 3');
  const history = releasePartText(web!, 'history', decoder).trim().split('\n');
  assert.match(history[0]!, /^REVISION\s*\tUPDATED/);
  assert.match(history[3]!, /^3\s+\t2026-01-03T10:00:00Z\tdeployed\s+\tweb-0\.3\.0\t2\.0\s+\tUpgrade complete$/);
});

test('a release whose newest payload is broken still shows, with the error', () => {
  const broken = secret(release(2, 'deployed'));
  broken.data = { release: Buffer.from('e30K').toString('base64') }; // "{}": no name/version
  const [web] = summarizeReleases([secret(release(1, 'superseded')), broken], new ReleaseDecoder());
  assert.equal(web!.revision, 2);
  assert.equal(web!.status, 'deployed');
  assert.match(web!.error!, /has no name\/version/);
});

test('helm is located from the setting or PATH, and its absence says what to do', () => {
  assert.throws(
    () => locateHelm('/nonexistent/helm'),
    (err: unknown) => err instanceof HelmMissing && /shipshape\.helm\.path is "\/nonexistent\/helm"/.test((err as Error).message),
  );
  assert.throws(
    () => locateHelm(undefined, { PATH: '/nonexistent' }),
    (err: unknown) => err instanceof HelmMissing && /not on PATH/.test((err as Error).message),
  );
  assert.deepEqual(helmArgs({ verb: 'upgrade', release: 'web', chart: '/c', valueFiles: ['v.yaml'], set: ['a=1'] }), ['upgrade', 'web', '/c', '--values', 'v.yaml', '--set', 'a=1']);
  assert.deepEqual(helmArgs({ verb: 'rollback', release: 'web', revision: 2 }), ['rollback', 'web', '2']);
});

test('an untrusted workspace, a declined confirmation and a wrong protected name stop before helm runs', async () => {
  const target = { kubeconfigs: ['/k'], context: 'prod', namespace: 'shop' };
  const change = { verb: 'uninstall', release: 'web' } as const;
  // The binary does not exist: reaching it would reject with HelmMissing instead.
  await assert.rejects(changeRelease('/nonexistent/helm', target, change, { trusted: () => false, protectedContexts: () => [] }, { confirm: async () => true, typeName: async () => 'prod' }), ChangeRefused);
  assert.equal(await changeRelease('/nonexistent/helm', target, change, { trusted: () => true, protectedContexts: () => [] }, { confirm: async () => false, typeName: async () => undefined }), undefined);
  assert.equal(await changeRelease('/nonexistent/helm', target, change, { trusted: () => true, protectedContexts: () => ['pro*'] }, { confirm: async () => true, typeName: async () => 'wrong' }), undefined);
  await assert.rejects(changeRelease('/nonexistent/helm', target, change, { trusted: () => true, protectedContexts: () => ['pro*'] }, { confirm: async () => true, typeName: async () => 'prod' }), HelmMissing);
});
