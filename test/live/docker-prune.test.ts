// Prune: the plan lists exactly what goes (stopped containers, dangling images, unused anonymous volumes
// as the engine's own prune does since Docker 23, unused networks) with sizes, and executing it removes
// those and nothing else. A label scopes the test so suites running in parallel on the same engine are untouched.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage } from '../../client/src/docker/build';
import { ANONYMOUS_VOLUME_LABEL, defaultVolumePrune, describePlan, executePrune, planPrune } from '../../client/src/docker/prune';
import { formatBytes } from '../../client/src/docker/explorer-model';
import { BUILD_NETWORK, dockerSkip, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

test('prune: plan shows what goes and the space, execute removes exactly that', { skip: dockerSkip, timeout: 180_000 }, async () => {
  const engine = liveEngine();
  const { docker } = engine;
  const scope = uniqueName('prune');
  const label = `shipshape.test=${scope}`;
  const labels = { 'shipshape.test': scope };
  const tag = `shipshape-test/${scope}:1`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-prune-'));
  const cleanup = { containers: [] as string[], images: [tag] as string[], volumes: [] as string[], networks: [] as string[] };
  try {
    // two builds of the same tag: the first becomes a dangling image carrying our label (~1 MB layer)
    const build = async (n: number) => {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${testImage()}\nRUN dd if=/dev/zero of=/blob bs=1024 count=1024 && echo ${n} > /n\n`);
      const r = await buildImage(docker, { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [tag], labels, network: BUILD_NETWORK }, () => {});
      assert.ok(r.ok, JSON.stringify(r));
      return r.ok ? r.imageId : '';
    };
    const dangling = await build(1);
    cleanup.images.push(dangling);
    await build(2);

    const stopped = await docker.createContainer({ Image: tag, Cmd: ['sh', '-c', 'dd if=/dev/zero of=/w bs=1024 count=512'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
    cleanup.containers.push(stopped.id);
    await stopped.start();
    await stopped.wait();
    const running = await docker.createContainer({ Image: tag, Cmd: ['sleep', '300'], Labels: labels, HostConfig: { NetworkMode: 'none' } });
    cleanup.containers.push(running.id);
    await running.start();
    const unusedVol = await docker.createVolume({ Name: `${scope}-unused`, Labels: labels });
    const usedVol = await docker.createVolume({ Name: `${scope}-used`, Labels: labels });
    // What the engine creates for a container's anonymous mount, carrying the label it marks them with.
    const anonVol = await docker.createVolume({ Name: `${scope}-anon`, Labels: { ...labels, [ANONYMOUS_VOLUME_LABEL]: '' } });
    cleanup.volumes.push(unusedVol.name, usedVol.name, anonVol.name);
    const holder = await docker.createContainer({ Image: tag, Cmd: ['sleep', '300'], Labels: { other: scope }, HostConfig: { NetworkMode: 'none', Binds: [`${usedVol.name}:/v`] } });
    cleanup.containers.push(holder.id);
    await holder.start();
    const net = await docker.createNetwork({ Name: `${scope}-net`, Labels: labels, Internal: true });
    cleanup.networks.push(net.id);
    // something outside the label must survive
    const outsider = await docker.createVolume({ Name: `${scope}-outsider` });
    cleanup.volumes.push(outsider.name);

    // The plan follows the engine's own default: Docker 23+ (API 1.42) prunes anonymous volumes only,
    // older engines (Debian 12's 20.10) every unused one. Both modes are checked whatever the engine is.
    const which = defaultVolumePrune(String((await docker.version()).ApiVersion));
    const all = await planPrune(docker, undefined, { labels: [label], volumes: 'all' });
    assert.deepEqual(
      all.items
        .filter((i) => i.kind === 'volumes')
        .map((i) => i.id)
        .sort(),
      [anonVol.name, unusedVol.name].sort(),
    );
    const anonymousOnly = await planPrune(docker, undefined, { labels: [label], volumes: 'anonymous' });
    assert.deepEqual(
      anonymousOnly.items.filter((i) => i.kind === 'volumes').map((i) => i.id),
      [anonVol.name],
    );
    const plan = await planPrune(docker, undefined, { labels: [label], volumes: 'anonymous' });
    assert.deepEqual((await planPrune(docker, undefined, { labels: [label] })).items.map((i) => i.id).sort(), (which === 'all' ? all : anonymousOnly).items.map((i) => i.id).sort());
    const got = plan.items.map((i) => `${i.kind}:${i.id}`).sort();
    assert.deepEqual(got, [`containers:${stopped.id}`, `images:${dangling}`, `networks:${net.id}`, `volumes:${anonVol.name}`].sort());
    // The confirmation's document lists every object, not the first 30.
    const text = describePlan(plan, formatBytes);
    for (const i of plan.items) assert.ok(text.includes(i.label), `${i.label} missing from the plan shown`);
    const img = plan.items.find((i) => i.kind === 'images')!;
    const ctr = plan.items.find((i) => i.kind === 'containers')!;
    assert.ok(img.size >= 1024 * 1024, `dangling image reclaim ${img.size} should include its 1 MiB layer`);
    assert.ok(ctr.size >= 512 * 1024, `stopped container reclaim ${ctr.size} should include its 512 KiB write`);
    assert.equal(
      plan.totalBytes,
      plan.items.reduce((s, i) => s + i.size, 0),
    );

    const res = await executePrune(docker, plan);
    assert.deepEqual(res.failed, []);
    assert.equal(res.reclaimedBytes, plan.totalBytes);
    await assert.rejects(docker.getContainer(stopped.id).inspect(), /404|no such container/i);
    await assert.rejects(docker.getImage(dangling).inspect(), /404|no such image/i);
    await assert.rejects(docker.getVolume(anonVol.name).inspect(), /404|no such volume/i);
    await docker.getVolume(unusedVol.name).inspect(); // named: kept, as `docker volume prune` keeps it
    await assert.rejects(docker.getNetwork(net.id).inspect(), /404|not found/i);
    // kept: running container, the tagged image it uses, the volume in use, the unlabelled volume
    assert.equal((await running.inspect()).State.Running, true);
    await docker.getImage(tag).inspect();
    await docker.getVolume(usedVol.name).inspect();
    await docker.getVolume(outsider.name).inspect();

    // nothing left to prune in scope apart from what is in use (and the named volume, with --all)
    assert.deepEqual((await planPrune(docker, undefined, { labels: [label], volumes: 'anonymous' })).items, []);
    assert.deepEqual(
      (await planPrune(docker, undefined, { labels: [label], volumes: 'all' })).items.map((i) => i.id),
      [unusedVol.name],
    );
  } finally {
    await removeQuietly(engine, cleanup);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
