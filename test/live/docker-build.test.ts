// Build through the extension's build module against the real engine: tags, target stage, build args,
// .dockerignore, and failing builds whose error is mapped to the Dockerfile line that failed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildImage, contextFiles } from '../../client/src/docker/build';
import { locateBuildError } from '../../client/src/docker/build-errors';
import { BUILD_NETWORK, dockerSkip, liveEngine, removeQuietly, testImage, uniqueName } from './docker-support';

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-build-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function runAndRead(engine: ReturnType<typeof liveEngine>, image: string, cmd?: string[]): Promise<string> {
  const c = await engine.docker.createContainer({ Image: image, Cmd: cmd, Tty: true, HostConfig: { NetworkMode: 'none' } });
  try {
    await c.start();
    await c.wait();
    return ((await c.logs({ stdout: true, stderr: true })) as unknown as Buffer).toString('utf8').replace(/\r/g, '');
  } finally {
    await c.remove({ force: true });
  }
}

// both builders the engine has: BuildKit (network none: the test engine has no default bridge) and classic
const builders = [{ builder: 'classic' as const }, { builder: 'buildkit' as const, network: BUILD_NETWORK }];

for (const b of builders) {
  test(`build (${b.builder}): tag, target stage, build args and .dockerignore reach the engine`, { skip: dockerSkip, timeout: 120_000 }, async () => {
    const engine = liveEngine();
    const tag = `${uniqueName('shipshape-build')}:ok`;
    const dir = workspace({
      'docker/app.Dockerfile': [
        `FROM ${testImage()} AS base`,
        'ARG GREETING=unset',
        'COPY . /ctx/',
        'RUN echo "$GREETING" > /greeting && find /ctx -type f | sort > /listing',
        '',
        'FROM base AS final',
        'RUN echo final-stage > /stage',
        '',
      ].join('\n'),
      '.dockerignore': 'secret.txt\nlogs/\n',
      'secret.txt': 'do not send',
      'logs/a.log': 'x',
      'keep.txt': 'keep',
    });
    try {
      assert.deepEqual(contextFiles(dir, path.join(dir, 'docker/app.Dockerfile')).sort(), ['.dockerignore', 'docker/app.Dockerfile', 'keep.txt']);
      let streamed = '';
      const res = await buildImage(engine.docker, { ...b, contextDir: dir, dockerfile: path.join(dir, 'docker/app.Dockerfile'), tags: [tag], target: 'base', buildArgs: { GREETING: 'hello-from-arg' } }, (t) => (streamed += t));
      assert.ok(res.ok, `build failed: ${JSON.stringify(res)}`);
      // target=base: the final stage is not built
      assert.match(streamed, b.builder === 'classic' ? /Step 1\/4 : FROM/ : /#\d+ \[base 1\/3\] FROM/);
      assert.doesNotMatch(streamed, /final-stage/);
      const img = await engine.docker.getImage(tag).inspect();
      assert.equal(img.Id, res.imageId);
      const out = await runAndRead(engine, tag, ['sh', '-c', 'cat /greeting; cat /listing; test -e /stage && echo HAS-STAGE || true']);
      // secret.txt and logs/ were kept out by .dockerignore; the stage after the target never ran
      assert.equal(out, 'hello-from-arg\n/ctx/.dockerignore\n/ctx/docker/app.Dockerfile\n/ctx/keep.txt\n');
    } finally {
      await removeQuietly(engine, { images: [tag] });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`build (${b.builder}): a failing RUN lands on its Dockerfile line (multi-line instruction, second stage)`, { skip: dockerSkip, timeout: 120_000 }, async () => {
    const engine = liveEngine();
    const text = ['# syntax note: comments and blank lines shift numbering', `FROM ${testImage()} AS one`, 'RUN echo ok', '', `FROM ${testImage()}`, 'RUN echo first && \\', '    echo second && \\', '    exit 7', 'RUN echo never', ''].join(
      '\n',
    );
    const dir = workspace({ Dockerfile: text });
    try {
      const res = await buildImage(engine.docker, { ...b, contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [`${uniqueName('shipshape-fail')}:x`] }, () => {});
      assert.equal(res.ok, false);
      if (res.ok) return;
      assert.match(res.message, /returned a non-zero code: 7|exit code: 7/);
      assert.deepEqual(res.location && { line: res.location.line, endLine: res.location.endLine }, { line: 5, endLine: 7 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`build (${b.builder}): COPY of a missing file and an unknown instruction map to their lines`, { skip: dockerSkip, timeout: 120_000 }, async () => {
    const engine = liveEngine();
    const copyText = `FROM ${testImage()}\nRUN true\nCOPY missing.txt /x\n`;
    const dir1 = workspace({ Dockerfile: copyText });
    const badText = `FROM ${testImage()}\n\nRUN true\nRUNN oops\n`;
    const dir2 = workspace({ Dockerfile: badText });
    try {
      const r1 = await buildImage(engine.docker, { ...b, contextDir: dir1, dockerfile: path.join(dir1, 'Dockerfile') }, () => {});
      assert.ok(!r1.ok && r1.location, JSON.stringify(r1));
      if (!r1.ok) {
        assert.equal(r1.location!.line, 2);
        assert.match(r1.message, /missing\.txt/);
      }
      const r2 = await buildImage(engine.docker, { ...b, contextDir: dir2, dockerfile: path.join(dir2, 'Dockerfile') }, () => {});
      assert.ok(!r2.ok && r2.location, JSON.stringify(r2));
      if (!r2.ok) {
        assert.equal(r2.location!.line, 3);
        assert.match(r2.message, /unknown instruction/i);
      }
    } finally {
      fs.rmSync(dir1, { recursive: true, force: true });
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });
}

// BuildKit's text (docker buildx / compose v2) cannot be produced on this engine without buildx,
// so its shape is checked on the documented output format.
test('build errors: BuildKit excerpt and step formats map to lines', () => {
  const df = 'FROM alpine\n\nRUN echo a \\\n  && false\nCOPY x /y\n';
  const bk =
    '#6 [2/3] RUN echo a   && false\n#6 ERROR: process "/bin/sh -c echo a   && false" did not complete successfully: exit code: 1\n------\nDockerfile:3\n--------------------\n   2 |     \n   3 | >>> RUN echo a \\\n   4 | >>>   && false\n--------------------\n';
  assert.deepEqual(locateBuildError(bk, 'ERROR: failed to solve: process "/bin/sh -c echo a   && false" did not complete successfully: exit code: 1', df), {
    line: 2,
    endLine: 3,
    message: 'process "/bin/sh -c echo a   && false" did not complete successfully: exit code: 1',
  });
  assert.equal(locateBuildError('', 'failed to solve: dockerfile parse error on line 5: unknown instruction: COPYY', df)?.line, 4);
  assert.equal(locateBuildError('#7 [3/3] COPY x /y\n', 'failed to compute cache key: "/x": not found', df)?.line, 4);
  assert.equal(locateBuildError('', 'something unrelated', df), undefined);
});
