/**
 * One test per BuildKit build check, on BuildKit's own documented bad and good examples (fixtures written
 * from docs.docker.com/go/dockerfile/rule/* and BuildKit's linter/docs, under test/oracles/buildkit/fixtures):
 * exact code, range and severity. Where BuildKit's doc example does not trigger BuildKit itself (no FROM,
 * experimental rule not enabled, `ARG foo bar`), a corrected fixture carries the expectation and the
 * original one must stay silent, as it does in BuildKit (checked by the oracle suite too).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { lint, where } from './support';

const FIXTURES = path.resolve(__dirname, '../../oracles/buildkit/fixtures');

const BAD: Record<string, string[]> = {
  'ConsistentInstructionCasing.bad1.Dockerfile': ['ConsistentInstructionCasing@1:1-1:5', 'ConsistentInstructionCasing@2:1-2:4', 'ConsistentInstructionCasing@3:1-3:11'],
  'CopyIgnoredFile.bad1.Dockerfile': ['CopyIgnoredFile@2:6-2:26'],
  'DuplicateStageName.bad1.Dockerfile': ['DuplicateStageName@4:23-4:30'],
  'ExposeInvalidFormat.bad1.Dockerfile': ['ExposeInvalidFormat@2:8-2:23'],
  'ExposeInvalidFormat.bad2.Dockerfile': ['ExposeInvalidFormat@2:8-2:13'],
  'ExposeProtoCasing.bad1.Dockerfile': ['ExposeProtoCasing@2:8-2:14'],
  'FromAsCasing.bad1.Dockerfile': ['FromAsCasing@1:20-1:22'],
  'FromPlatformFlagConstDisallowed.bad1.Dockerfile': ['FromPlatformFlagConstDisallowed@1:6-1:28'],
  'InvalidDefaultArgInFrom.bad1.Dockerfile': ['InvalidDefaultArgInFrom@2:6-2:20'],
  'InvalidDefinitionDescription.bad1.Dockerfile': [],
  'InvalidDefinitionDescription.bad2.Dockerfile': ['InvalidDefinitionDescription@3:1-3:5', 'InvalidDefinitionDescription@6:1-6:4'],
  'JSONArgsRecommended.bad1.Dockerfile': ['JSONArgsRecommended@2:1-2:11'],
  'LegacyKeyValueFormat.bad1.Dockerfile': [],
  'LegacyKeyValueFormat.bad2.Dockerfile': [],
  'LegacyKeyValueFormat.bad3.Dockerfile': ['LegacyKeyValueFormat@2:1-2:4', 'LegacyKeyValueFormat@3:1-3:6'],
  'LegacyKeyValueFormat.bad4.Dockerfile': ['LegacyKeyValueFormat@2:1-2:4'],
  'MaintainerDeprecated.bad1.Dockerfile': ['MaintainerDeprecated@1:1-1:11'],
  'MultipleInstructionsDisallowed.bad1.Dockerfile': ['MultipleInstructionsDisallowed@2:1-2:11'],
  'NoEmptyContinuation.bad1.Dockerfile': ['NoEmptyContinuation@3:1-4:1'],
  'RedundantTargetPlatform.bad1.Dockerfile': ['RedundantTargetPlatform@1:6-1:32'],
  'ReservedStageName.bad1.Dockerfile': ['ReservedStageName@1:16-1:23', 'ReservedStageName@2:16-2:23'],
  'SecretsUsedInArgOrEnv.bad1.Dockerfile': [],
  'SecretsUsedInArgOrEnv.bad2.Dockerfile': ['SecretsUsedInArgOrEnv@2:5-2:22', 'SecretsUsedInArgOrEnv@3:5-3:26'],
  'StageNameCasing.bad1.Dockerfile': ['StageNameCasing@1:16-1:27'],
  'UndefinedArgInFrom.bad1.Dockerfile': ['UndefinedArgInFrom@1:13-1:23'],
  'UndefinedVar.bad1.Dockerfile': ['UndefinedVar@2:6-2:10'],
  'UndefinedVar.bad2.Dockerfile': ['UndefinedVar@2:13-2:17'],
  'WorkdirRelativePath.bad1.Dockerfile': ['WorkdirRelativePath@2:9-2:29'],
};

/** Good examples that rely on a base image's ENV (python's PYTHON_VERSION) pass thanks to support/image-env.ts. */
const NEEDS_IMAGE_ENV: Record<string, string[]> = {};

const IGNORE = { '/ws/.dockerignore': './tmp\n' };
const read = (f: string) => fs.readFileSync(path.join(FIXTURES, f), 'utf8');

const buildkitIds = dockerfileSupport.rules.map((r) => r.id);
for (const rule of [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath',
]) {
  test(`${rule}: BuildKit's documented examples`, async () => {
    assert.ok(buildkitIds.includes(rule), `${rule} is registered`);
    const bads = Object.keys(BAD).filter((f) => f.startsWith(rule + '.'));
    assert.ok(bads.length, 'has a bad example');
    assert.ok(
      bads.some((f) => BAD[f].length),
      'some bad example triggers it',
    );
    for (const f of bads) {
      const found = (await lint(read(f), IGNORE)).filter((d) => d.code === rule);
      assert.deepEqual(found.map(where), BAD[f], f);
      for (const d of found) assert.equal(d.severity, DiagnosticSeverity.Warning, `${f}: BuildKit checks are warnings by default`);
    }
    const goods = fs.readdirSync(FIXTURES).filter((f) => f.startsWith(rule + '.good'));
    assert.ok(goods.length, 'has a good example');
    for (const f of goods) {
      const found = (await lint(read(f), IGNORE)).filter((d) => d.code === rule);
      assert.deepEqual(found.map(where), NEEDS_IMAGE_ENV[f] ?? [], f);
    }
  });
}

test("BuildKit messages are BuildKit's, word for word", async () => {
  const messages = (await lint('from alpine AS Build\nENV FOO bar\nCOPY $NOPE /x\nWORKDIR app\n')).map((d) => `${d.code}: ${d.message}`);
  assert.ok(messages.includes("StageNameCasing: Stage name 'Build' should be lowercase"));
  assert.ok(messages.includes("FromAsCasing: 'AS' and 'from' keywords' casing do not match"));
  assert.ok(messages.includes('LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format'));
  assert.ok(messages.includes("UndefinedVar: Usage of undefined variable '$NOPE'"));
  assert.ok(messages.includes('WorkdirRelativePath: Relative workdir "app" can have unexpected results if the base image changes'));
});

test('# check=skip= drops the named checks, skip=all drops every one', async () => {
  const body = 'FROM alpine:3.20 as build\nCMD echo hi\n';
  const all = (await lint(body)).map((d) => d.code);
  assert.ok(all.includes('FromAsCasing') && all.includes('JSONArgsRecommended'));
  const skipped = (await lint('# check=skip=FromAsCasing\n' + body)).map((d) => d.code);
  assert.ok(!skipped.includes('FromAsCasing') && skipped.includes('JSONArgsRecommended'));
  const none = (await lint('# check=skip=all\n' + body)).map((d) => d.code);
  assert.ok(!none.includes('FromAsCasing') && !none.includes('JSONArgsRecommended'));
});

test("# check=error=true turns BuildKit checks into errors, not Shipshape's own rules", async () => {
  const found = await lint('# check=error=true\nFROM alpine as build\n');
  assert.equal(found.find((d) => d.code === 'FromAsCasing')?.severity, DiagnosticSeverity.Error);
  assert.equal(found.find((d) => d.code === 'ImageLatestTag')?.severity, DiagnosticSeverity.Warning);
});

test('a check= comment above an instruction skips for that instruction only', async () => {
  const found = await lint('FROM alpine:3.20\n# check=skip=UndefinedVar\nCOPY $A /a\nCOPY $B /b\n');
  assert.deepEqual(found.filter((d) => d.code === 'UndefinedVar').map(where), ['UndefinedVar@4:6-4:8']);
});

test('check= comments apply the way BuildKit scopes them', async () => {
  // File-level checks ignore comments; MultipleInstructionsDisallowed takes the later CMD's comments.
  const text = 'FROM alpine:3.20\n# check=skip=all\nrun true\nCMD ["a"]\n# check=skip=MultipleInstructionsDisallowed\nCMD ["b"]\n';
  const codes = (await lint(text)).map(where);
  assert.ok(codes.includes('ConsistentInstructionCasing@3:1-3:4'), codes.join());
  assert.ok(!codes.some((c) => c.startsWith('MultipleInstructionsDisallowed')), codes.join());
});

test('ONBUILD triggers of a base stage run in the child stage and are reported at its FROM', async () => {
  const text = 'FROM alpine:3.20 AS base\nONBUILD ENV A=$MISSING\nONBUILD WORKDIR rel\nFROM base\n';
  assert.deepEqual(
    (await lint(text)).filter((d) => d.code === 'UndefinedVar' || d.code === 'WorkdirRelativePath').map((d) => `${d.code}@${d.range.start.line + 1}`),
    ['UndefinedVar@4', 'WorkdirRelativePath@4'],
  );
});

test('a malformed check directive is an error, as it fails the build', async () => {
  const found = await lint('# check=skip\nFROM alpine:3.20\n');
  assert.deepEqual(
    found.map((d) => `${d.code} ${d.message}`),
    ['DockerfileSyntax failed to parse check options: invalid check option "skip"'],
  );
});

test('UndefinedVar knows the ENV of well-known official images, and only for stages built on them', async () => {
  const found = (await lint('FROM golang:1.22 AS build\nENV PATH=$GOPATH/bin:$PATH\nFROM alpine:3.20\nCOPY $GOPATH /x\n')).filter((d) => d.code === 'UndefinedVar').map(where);
  assert.deepEqual(found, ['UndefinedVar@4:6-4:13']);
});

test('UndefinedVar knows the platform ARGs once declared, scoping across stages, and ENV in the same instruction', async () => {
  const text = ['ARG VERSION=1', 'FROM alpine:$VERSION AS base', 'ARG TARGETARCH', 'ENV A=1 B=$A', 'COPY bin/$TARGETARCH/$VERSION /b', 'FROM base', 'COPY $A /a', 'RUN echo $ANYTHING_SHELL_EXPANDS'].join('\n');
  const found = (await lint(text)).filter((d) => d.code === 'UndefinedVar').map((d) => d.message);
  assert.deepEqual(found, ["Usage of undefined variable '$A'", "Usage of undefined variable '$VERSION'"]);
});
