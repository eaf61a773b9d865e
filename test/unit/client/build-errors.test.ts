// Build error parsing (client/src/docker/build-errors.ts): a failed build's output, from BuildKit or the
// legacy builder, mapped to the Dockerfile instruction that failed; and BuildKit's progress trace
// (client/src/docker/buildkit-trace.ts) decoded from the protobuf the engine streams and printed like
// `docker buildx build --progress=plain`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanMessage, locateBuildError } from '../../../client/src/docker/build-errors';
import { decodeTrace, TraceRenderer } from '../../../client/src/docker/buildkit-trace';

const DOCKERFILE = [
  'FROM alpine:3.20 AS build', // 0
  'WORKDIR /src', //              1
  'RUN apk add --no-cache \\', // 2
  '    make gcc', //              3
  'COPY . .', //                  4
  'RUN make', //                  5
  '', //                          6
  'FROM scratch', //              7
  'COPY --from=build /src/app /app', // 8
].join('\n');

test('BuildKit: the "Dockerfile:N" header and the >>> excerpt name the line; a continued RUN is marked whole', () => {
  const output = [
    '#8 [build 3/5] RUN apk add --no-cache     make gcc',
    '#8 0.512 ERROR: unable to select packages: gcc (no such package)',
    '#8 ERROR: process "/bin/sh -c apk add --no-cache     make gcc" did not complete successfully: exit code: 1',
    '------',
    'Dockerfile:3',
    '--------------------',
    '   2 |     WORKDIR /src',
    '   3 | >>> RUN apk add --no-cache \\',
    '   4 | >>>     make gcc',
    '--------------------',
  ].join('\n');
  const error = '\u001b[31mERROR: failed to solve: process "/bin/sh -c apk add --no-cache     make gcc" did not complete successfully: exit code: 1\u001b[0m';
  assert.deepEqual(locateBuildError(output, error, DOCKERFILE), {
    line: 2,
    endLine: 3,
    message: 'process "/bin/sh -c apk add --no-cache     make gcc" did not complete successfully: exit code: 1',
  });
  // A Dockerfile under another name, and an excerpt without its header.
  assert.equal(locateBuildError('ERROR: docker/Dockerfile.dev:6\n', 'x', DOCKERFILE)?.line, 5);
  assert.equal(locateBuildError('   6 | >>> RUN make\n', 'x', DOCKERFILE)?.line, 5);
});

test('parse errors of either builder, and the failed step BuildKit names, find their instruction', () => {
  assert.deepEqual(locateBuildError('', 'failed to solve with frontend dockerfile.v0: Dockerfile parse error line 5: unknown instruction: COPPY', DOCKERFILE), {
    line: 4,
    endLine: 4,
    message: 'Dockerfile parse error line 5: unknown instruction: COPPY',
  });
  assert.equal(locateBuildError('', 'failed to solve', DOCKERFILE, '[build 5/5] RUN make')?.line, 5);
  // BuildKit's progress line when no header came through; the step is printed with its flags.
  assert.equal(locateBuildError('ERROR [build 4/5] RUN apk add --no-cache     make gcc', 'failed', DOCKERFILE)?.line, 2);
  assert.equal(locateBuildError('#12 [stage-1 2/2] COPY --from=build /src/app /app\n#12 ERROR: not found', 'failed', DOCKERFILE)?.line, 8);
});

test('legacy builder: the last "Step N/M" before the error is the failing instruction', () => {
  const output = ['Step 1/9 : FROM alpine:3.20 AS build', ' ---> 1d34ffeaf190', 'Step 6/9 : RUN make', ' ---> Running in 5a8f', 'make: *** No targets specified and no makefile found.  Stop.'].join('\n');
  assert.deepEqual(locateBuildError(output, "The command '/bin/sh -c make' returned a non-zero code: 2", DOCKERFILE), {
    line: 5,
    endLine: 5,
    message: "The command '/bin/sh -c make' returned a non-zero code: 2",
  });
});

test('nothing to go on, or a line outside the file: no location rather than a wrong one', () => {
  assert.equal(locateBuildError('pulling alpine\n', 'Cannot connect to the Docker daemon', DOCKERFILE), undefined);
  assert.equal(locateBuildError('Dockerfile:40\n', 'x', DOCKERFILE), undefined);
  assert.equal(cleanMessage('ERROR: failed to solve: boom \n'), 'boom');
});

/** Protobuf wire format, as the engine sends moby.buildkit.v1.StatusResponse. */
const varint = (n: number): number[] => {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return out;
};
const bytesField = (field: number, value: Buffer): Buffer => Buffer.from([...varint((field << 3) | 2), ...varint(value.length), ...value]);
const stringField = (field: number, value: string) => bytesField(field, Buffer.from(value, 'utf8'));
const boolField = (field: number) => Buffer.from([...varint(field << 3), 1]);
/** A google.protobuf.Timestamp { seconds = 1 } (only its presence is read). */
const timestamp = (field: number) => bytesField(field, Buffer.from([0x08, 0x01]));
const vertex = (digest: string, name: string, parts: Buffer[] = []) => bytesField(1, Buffer.concat([stringField(1, digest), stringField(3, name), ...parts]));
const vertexLog = (digest: string, msg: string) => bytesField(3, Buffer.concat([stringField(1, digest), bytesField(4, Buffer.from(msg))]));
const aux = (...parts: Buffer[]) => Buffer.concat(parts).toString('base64');

test('BuildKit trace: vertexes and logs decode from the wire, and print as --progress=plain prints them', () => {
  const status = decodeTrace(
    aux(vertex('sha256:1', '[internal] load build definition', [boolField(4), timestamp(5), timestamp(6)]), vertex('sha256:2', '[build 5/5] RUN make', [timestamp(5)]), vertexLog('sha256:2', 'cc -o app main.c\nmain.c:1: error\n')),
  );
  assert.deepEqual(
    status.vertexes.map((v) => [v.digest, v.name, v.cached, v.started, v.completed, v.error]),
    [
      ['sha256:1', '[internal] load build definition', true, true, true, ''],
      ['sha256:2', '[build 5/5] RUN make', false, true, false, ''],
    ],
  );
  assert.equal(status.logs[0]!.msg.toString(), 'cc -o app main.c\nmain.c:1: error\n');

  let now = 1_000;
  const renderer = new TraceRenderer(() => now);
  assert.equal(renderer.render(status), ['#1 [internal] load build definition', '#1 CACHED', '#2 [build 5/5] RUN make', '#2 0.000 cc -o app main.c', '#2 0.000 main.c:1: error', ''].join('\n'));
  now = 2_250;
  assert.equal(
    renderer.render(decodeTrace(aux(vertex('sha256:2', '[build 5/5] RUN make', [timestamp(5), stringField(7, 'process "/bin/sh -c make" did not complete successfully: exit code: 2')])))),
    '#2 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2\n',
  );
  assert.deepEqual(renderer.failed, { name: '[build 5/5] RUN make', error: 'process "/bin/sh -c make" did not complete successfully: exit code: 2' });
  // A step already reported is not reported again; a later one that completes says how long it took.
  now = 3_000;
  assert.equal(renderer.render(decodeTrace(aux(vertex('sha256:2', '[build 5/5] RUN make', [timestamp(5), timestamp(6)]), vertex('sha256:3', 'exporting', [timestamp(5)])))), '#3 exporting\n');
  now = 4_500;
  assert.equal(renderer.render(decodeTrace(aux(vertex('sha256:3', 'exporting', [timestamp(5), timestamp(6)])))), '#3 DONE 1.5s\n');
  assert.throws(() => decodeTrace(Buffer.from([0x0a, 0x85]).toString('base64')), /truncated varint/);
});
