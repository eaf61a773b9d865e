// Prune plans (client/src/docker/prune.ts): what a prune removes, decided from the engine's GET /system/df
// answer before anything is removed, and the preview text the confirmation shows. Volumes and networks need
// the engine's other lists: test/live/docker-prune.test.ts covers them against a real dockerd.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultVolumePrune, describePlan, planFromDiskUsage, type SystemDf } from '../../../client/src/docker/prune';
import { formatBytes } from '../../../client/src/docker/explorer-model';

/** A /system/df answer as Docker 27 gives it, trimmed to the fields the plan reads. */
function container(id: string, name: string, state: string, image: string, imageId: string, labels: Record<string, string> = {}, size = 0) {
  return {
    Id: id,
    Names: [`/${name}`],
    Image: image,
    ImageID: imageId,
    State: state,
    Status: state,
    Labels: labels,
    SizeRw: size,
    Created: 0,
    Command: '',
    Ports: [],
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
  };
}
const DF: SystemDf = {
  Containers: [
    container('c1', 'web', 'running', 'nginx:1.27', 'sha256:aaa'),
    container('c2', 'job-old', 'exited', 'sha256:bbb', 'sha256:bbb', { team: 'batch' }, 4_000),
    container('c3', 'paused', 'paused', 'redis:7', 'sha256:ccc'),
    container('c4', 'created', 'created', 'sha256:ddd', 'sha256:ddd', {}, 10),
  ] as unknown as SystemDf['Containers'],
  Images: [
    { Id: 'sha256:aaa', RepoTags: ['nginx:1.27'], Size: 190_000_000, SharedSize: 0, Containers: 1 },
    { Id: 'sha256:bbb', RepoTags: [], Size: 50_000_000, SharedSize: 20_000_000, Containers: 1, Labels: { team: 'batch' } },
    { Id: 'sha256:ccc', RepoTags: ['<none>:<none>'], Size: 30_000_000, SharedSize: 0, Containers: 1 },
    { Id: 'sha256:ddd', RepoTags: null, Size: 7_000_000, SharedSize: 0, Containers: 1 },
    { Id: 'sha256:eee', RepoTags: ['<none>:<none>'], Size: 1_000, SharedSize: 0, Containers: 0 },
  ],
};

test('stopped containers go; running, paused (and restarting) ones stay; their dangling images go with them', () => {
  const { items, going } = planFromDiskUsage(DF, ['containers', 'images'], undefined);
  assert.deepEqual([...going], ['c2', 'c4']);
  assert.deepEqual(
    items.map((i) => `${i.kind} ${i.label} ${i.size}`),
    [
      'containers job-old (sha256:bbb, exited) 4000',
      'containers created (sha256:ddd, created) 10',
      // Only the layers not shared with another image come back.
      'images bbb (dangling) 30000000',
      'images ddd (dangling) 7000000',
      'images eee (dangling) 1000',
    ],
  );
});

test('images a remaining container uses stay, and so do the images of containers this prune keeps', () => {
  // Images only: no container is removed, so the stopped containers still hold their images.
  const { items, going } = planFromDiskUsage(DF, ['images'], undefined);
  assert.equal(going.size, 0);
  assert.deepEqual(
    items.map((i) => i.id),
    ['sha256:eee'],
  );
});

test('a label filter keeps what does not carry every label asked for ("key" or "key=value")', () => {
  assert.deepEqual(
    planFromDiskUsage(DF, ['containers', 'images'], ['team=batch']).items.map((i) => i.id),
    ['c2', 'sha256:bbb'],
  );
  assert.deepEqual(
    planFromDiskUsage(DF, ['containers'], ['team']).items.map((i) => i.id),
    ['c2'],
  );
  assert.deepEqual(planFromDiskUsage(DF, ['containers'], ['team=web']).items, []);
  assert.deepEqual(planFromDiskUsage({}, ['containers', 'images'], undefined).items, []);
});

test("volumes follow the engine's own default: anonymous only from API 1.42 (Docker 23) on", () => {
  assert.equal(defaultVolumePrune('1.41'), 'all');
  assert.equal(defaultVolumePrune('1.42'), 'anonymous');
  assert.equal(defaultVolumePrune('1.47'), 'anonymous');
  assert.equal(defaultVolumePrune('2.0'), 'anonymous');
});

test('the preview lists exactly what goes, by kind, with sizes and the total', () => {
  const { items } = planFromDiskUsage(DF, ['containers', 'images'], ['team=batch']);
  const plan = { items: [...items, { kind: 'volumes' as const, id: 'v1', label: 'f00 (anonymous)', size: 0 }], totalBytes: items.reduce((s, i) => s + i.size, 0) };
  assert.equal(
    describePlan(plan, formatBytes),
    [
      '# Docker prune: 3 objects, about 30 MB',
      '# Exactly these are removed; volumes as the engine prunes them (anonymous ones only since Docker 23).',
      '',
      'containers (1):',
      '  job-old (sha256:bbb, exited) (4.0 KB)',
      '',
      'images (1):',
      '  bbb (dangling) (30 MB)',
      '',
      'volumes (1):',
      '  f00 (anonymous)',
      '',
    ].join('\n'),
  );
});
