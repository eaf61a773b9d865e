/** Editing features on the model: scoping-aware navigation, rename, completion details. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, Hover, Position } from 'vscode-languageserver-types';
import { loadFile } from '../../../server/src/core/load';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { FileWorkspace } from '../../../server/src/core/workspace';
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
  assert.deepEqual(
    s.definition!(file, at(5, 13), ctx)?.map((l) => l.range.start),
    [at(3, 4)],
  );
  assert.deepEqual(
    s.definition!(file, at(7, 19), ctx)?.map((l) => l.range.start),
    [at(3, 4)],
  );
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
  assert.deepEqual(
    links.map((l) => l.target),
    ['https://ghcr.io/org/app', 'https://hub.docker.com/r/bitnami/redis'],
  );
});

test('completion in a check directive: options, then BuildKit check names', () => {
  const at0 = (t: string) => labels(s.completion!(dockerfile(t), at(0, t.length), ctx));
  assert.deepEqual(at0('# check='), ['skip=', 'error=true', 'experimental=']);
  assert.deepEqual(at0('# check=skip=JSONArgsRecommended,Undef'), ['UndefinedArgInFrom', 'UndefinedVar']);
  assert.deepEqual(at0('# check=experimental='), ['all', 'InvalidDefinitionDescription']);
  assert.deepEqual(at0('# check=skip=all;error='), ['true', 'false']);
});

test('completion after FROM: earlier stages, the images the workspace uses, then their tags', () => {
  const workspace = new FileWorkspace();
  const indexed = (filePath: string, text: string) => {
    const loaded = loadFile(filePath, text, DEFAULT_SETTINGS, () => false);
    assert.ok(loaded, filePath);
    workspace.setIndexed(loaded);
  };
  indexed('/ws/api/Dockerfile', 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nFROM build\n');
  indexed('/ws/compose.yaml', 'services:\n  db:\n    image: postgres:17\n  cache:\n    image: "redis:7.4-alpine"\n  tmpl:\n    image: ${REGISTRY}/app:${TAG}\n');
  indexed('/ws/k8s/app.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: postgres:16\n    - image: localhost:5000/team/api:2.1\n      name: b\n');
  const text = 'FROM node:22 AS deps\nFROM deps AS build\nFROM ';
  const current = dockerfile(text);
  workspace.setOpen(current);
  const complete = (t: string) => {
    const f = dockerfile(t);
    return s.completion!(f, at(f.document.positionAt(t.length).line, f.document.positionAt(t.length).character), { settings: DEFAULT_SETTINGS, workspace }) as CompletionItem[];
  };
  const names = labels(complete(text));
  assert.deepEqual(names, ['deps', 'build', 'gcr.io/distroless/static-debian12', 'golang', 'localhost:5000/team/api', 'node', 'postgres', 'redis', 'scratch', '--platform=']);
  const postgres = complete(text).find((i) => i.label === 'postgres');
  assert.equal(postgres?.detail, 'image used in 2 files (tags 16, 17)');
  // A stage is offered only to the stages after it.
  assert.deepEqual(
    labels(complete('FROM node:22 AS deps\nFROM ')).filter((l) => l === 'deps' || l === 'build'),
    ['deps'],
  );
  // Tags: after `name:` (a registry port is not a tag), and the edit replaces only the tag typed so far.
  assert.deepEqual(labels(complete(`${text}postgres:`)), ['16', '17']);
  const tagged = complete(`${text}postgres:1`);
  assert.deepEqual(
    tagged.map((i) => (i.textEdit && 'range' in i.textEdit ? i.textEdit.range.start.character : -1)),
    [14, 14],
  );
  assert.deepEqual(labels(complete(`${text}localhost:5000/team/api:`)), ['2.1']);
  assert.deepEqual(labels(complete(`${text}--platform=linux/arm64 red`)).includes('redis'), true);
  assert.deepEqual(labels(complete(`${text}unknown:`)), []);
});
