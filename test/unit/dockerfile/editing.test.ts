/** Editing features on the model: scoping-aware navigation, rename, completion details. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { dockerfileSupport as s } from '../../../server/src/dockerfile';
import { context, dockerfile } from './support';

const TEXT = [
  'ARG VERSION=1.0', //                         0
  'FROM alpine:3.20 AS base', //                1
  'ARG VERSION', //                             2
  'ENV APP_HOME=/opt/app', //                   3
  'WORKDIR $APP_HOME', //                       4
  'RUN echo "$APP_HOME $VERSION"', //           5
  'FROM base AS final', //                      6
  'COPY --from=base $APP_HOME /copy', //        7
  'RUN --mount=type=cache,target=/root/.cache echo', // 8
  '',
].join('\n');
const file = dockerfile(TEXT);
const ctx = context();
const at = (line: number, character: number): Position => ({ line, character });
const labels = (items: unknown) => (items as CompletionItem[]).map((i) => i.label);

test('definition of a variable in RUN and in a child stage resolves to the ENV', () => {
  assert.deepEqual(s.definition!(file, at(5, 13), ctx)?.map((l) => l.range.start), [at(3, 4)]);
  assert.deepEqual(s.definition!(file, at(7, 19), ctx)?.map((l) => l.range.start), [at(3, 4)]);
});

test('references of a global ARG include its re-declaration in a stage and the uses there', () => {
  const refs = s.references!(file, at(0, 5), ctx)!.map((l) => `${l.range.start.line}:${l.range.start.character}`);
  assert.deepEqual(refs, ['0:4', '2:4', '5:21']);
});

test('rename an ENV renames its declaration and every use, including child stages', () => {
  const edit = s.rename!(file, at(4, 10), 'HOME_DIR', ctx)!;
  const spots = edit.changes![file.uri].map((e) => `${e.range.start.line}:${e.range.start.character}`);
  assert.deepEqual(spots, ['3:4', '4:9', '5:11', '7:18']);
  assert.equal(s.prepareRename!(file, at(4, 3), ctx), null, 'a keyword is not renameable');
});

test('hover shows the stage a name points to', () => {
  const hover = s.hover!(file, at(6, 6), ctx) as Hover;
  assert.match((hover.contents as { value: string }).value, /Stage\*\* `base` \(from `alpine:3.20`\), line 2/);
});

test('completion: mount keys for the type, mount values, healthcheck durations', () => {
  const f = (t: string) => dockerfile(t);
  assert.deepEqual(labels(s.completion!(f('FROM a\nRUN --mount=type=cache,'), at(1, 23), ctx)), ['id=', 'target=', 'sharing=', 'from=', 'source=', 'mode=', 'uid=', 'gid=', 'readonly=']);
  assert.deepEqual(labels(s.completion!(f('FROM a\nRUN --mount=type=cache,sharing='), at(1, 31), ctx)), ['shared', 'private', 'locked']);
  assert.deepEqual(labels(s.completion!(f('FROM a\nRUN --mount=type=s'), at(1, 18), ctx)), ['secret', 'ssh']);
  assert.deepEqual(labels(s.completion!(f('FROM a\nHEALTHCHECK --interval='), at(1, 23), ctx)), ['30s', '10s', '1m']);
  assert.deepEqual(labels(s.completion!(f('FROM --platform='), at(0, 16), ctx)).slice(0, 2), ['linux/amd64', 'linux/arm64']);
});

test('document links point base images to their registry page, not stages or variables', () => {
  const links = s.documentLinks!(dockerfile('FROM ghcr.io/org/app:1 AS a\nFROM a\nFROM $X\nFROM bitnami/redis:7\n'), ctx);
  assert.deepEqual(links.map((l) => l.target), ['https://ghcr.io/org/app', 'https://hub.docker.com/r/bitnami/redis']);
});

test('completion in a check directive: options, then BuildKit check names', () => {
  const at0 = (t: string) => labels(s.completion!(dockerfile(t), at(0, t.length), ctx));
  assert.deepEqual(at0('# check='), ['skip=', 'error=true', 'experimental=']);
  assert.deepEqual(at0('# check=skip=JSONArgsRecommended,Undef'), ['UndefinedArgInFrom', 'UndefinedVar']);
  assert.deepEqual(at0('# check=experimental='), ['all', 'InvalidDefinitionDescription']);
  assert.deepEqual(at0('# check=skip=all;error='), ['true', 'false']);
});
