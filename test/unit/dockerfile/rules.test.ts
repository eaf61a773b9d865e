/** Parser errors and best-practice rules: exact code, range, severity, and their quick fixes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { context, dockerfile, lint, where } from './support';

const codes = async (text: string, code: string) => (await lint(text)).filter((d) => d.code === code).map(where);

test('UnknownInstruction with a did-you-mean and its fix', async () => {
  const found = (await lint('FROM alpine:3.20\nRUNN echo\n')).filter((d) => d.code === 'UnknownInstruction');
  assert.deepEqual(found.map(where), ['UnknownInstruction@2:1-2:5']);
  assert.equal(found[0].severity, DiagnosticSeverity.Error);
  assert.equal(found[0].message, 'unknown instruction: RUNN (did you mean RUN?)');
});

test('InvalidFlag: unknown (with suggestion), missing value, bad boolean', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20\nCOPY --chmown=1 a /b\nCOPY --from a /b\nCOPY --link=maybe a /b\nRUN --network=bogus true\n', 'InvalidFlag'), [
    'InvalidFlag@2:6-2:16',
    'InvalidFlag@3:6-3:12',
    'InvalidFlag@4:6-4:18',
    'InvalidFlag@5:5-5:20',
  ]);
  const [chmown] = (await lint('FROM alpine:3.20\nCOPY --chmown=1 a /b\n')).filter((d) => d.code === 'InvalidFlag');
  assert.equal(chmown.message, 'unknown flag: --chmown (did you mean chown?)');
});

test('InvalidHealthcheck: durations and retries', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20\nHEALTHCHECK --interval=5x --retries=-1 --timeout=10us CMD true\n', 'InvalidHealthcheck'), ['InvalidHealthcheck@2:13-2:26', 'InvalidHealthcheck@2:27-2:39', 'InvalidHealthcheck@2:40-2:54']);
  assert.deepEqual(await codes('FROM alpine:3.20\nHEALTHCHECK --interval=1m30s --start-period=2s CMD true\n', 'InvalidHealthcheck'), []);
});

test('InvalidExposePort: outside 1-65535', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20\nEXPOSE 0 80 70000 8000-9000/udp 1-2-3\n', 'InvalidExposePort'), ['InvalidExposePort@2:8-2:9', 'InvalidExposePort@2:13-2:18', 'InvalidExposePort@2:33-2:38']);
});

test('NoBuildStage: instruction before the first FROM', async () => {
  assert.deepEqual(await codes('ARG A=1\nRUN echo\nFROM alpine:3.20\n', 'NoBuildStage'), ['NoBuildStage@2:1-2:4']);
});

test('UnknownStage: --from naming a later stage or an invalid reference', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20 AS a\nCOPY --from=b /x /y\nCOPY --from=Bad_Name! /x /y\nCOPY --from=nginx:1.27 /x /y\nFROM alpine:3.20 AS b\n', 'UnknownStage'), ['UnknownStage@2:13-2:14', 'UnknownStage@3:13-3:22']);
});

test('DockerfileSyntax: argument counts, stage names, heredocs, substitutions', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20 AS 1bad\nWORKDIR\nCOPY <<EOF /x\nhello\n', 'DockerfileSyntax'), ['DockerfileSyntax@1:21-1:25', 'DockerfileSyntax@2:1-2:8', 'DockerfileSyntax@3:1-4:6']);
  assert.deepEqual(await codes('FROM alpine:3.20\nENV A=${B\n', 'DockerfileSyntax'), ['DockerfileSyntax@2:7-2:10']);
});

test('RunCd: a RUN that is only cd, and cd /abs at the start of a chain', async () => {
  assert.deepEqual(await codes('FROM alpine:3.20\nRUN cd /tmp\nRUN cd /src && make\nRUN cd build && make\nRUN make && cd /x\n', 'RunCd'), ['RunCd@2:5-2:7', 'RunCd@3:5-3:7']);
});

test('DockerfileSyntax: a syntax directive that is not an image reference', async () => {
  assert.deepEqual(await codes('# syntax=docker/Dockerfile:1\nFROM alpine:3.20\n', 'DockerfileSyntax'), ['DockerfileSyntax@1:10-1:29']);
  assert.deepEqual(await codes('# syntax=docker/dockerfile:1.7-labs\nFROM alpine:3.20\n', 'DockerfileSyntax'), []);
});

test('best practices: latest tag, apt-get, cd, ADD, USER root, sudo, pipefail', async () => {
  const text = ['FROM ubuntu', 'RUN apt-get update && apt-get install -y curl', 'RUN cd /tmp', 'ADD app /app', 'RUN sudo make', 'RUN curl -s x | sh', 'USER root'].join('\n');
  const found = (await lint(text)).map(where).filter((w) => !w.startsWith('JSONArgs'));
  assert.deepEqual(found.sort(), [
    'AddInsteadOfCopy@4:1-4:4',
    'AptGetListsNotCleaned@2:1-2:4',
    'AptGetNoInstallRecommends@2:31-2:38',
    'ImageLatestTag@1:6-1:12',
    'LastUserRoot@7:6-7:10',
    'PipeWithoutPipefail@6:1-6:4',
    'RunCd@3:5-3:7',
    'SudoInRun@5:5-5:9',
  ]);
  assert.deepEqual(await codes('FROM ubuntu:24.04\nRUN set -o pipefail && curl -s x | sh\nADD https://x/y.tgz /y\nRUN apt-get install -y --no-install-recommends a && rm -rf /var/lib/apt/lists/*\n', 'PipeWithoutPipefail'), []);
});

test('quick fixes edit what the finding says', async () => {
  const text = 'from alpine:3.20 AS Build\nENV FOO bar baz\nEXPOSE 80/TCP\nCMD run it\nCOPY --from=Build /a /b\n';
  const file = dockerfile(text);
  const findings = await dockerfileSupport.validate(file, context());
  const apply = (code: string) => {
    const f = findings.find((d) => d.code === code)!;
    const [action] = dockerfileSupport.codeActions!(file, f.range, [f], context());
    const edits = action.edit!.changes![file.uri];
    return TextDocument.applyEdits(file.document, edits);
  };
  assert.match(apply('FromAsCasing'), /^from alpine:3.20 as Build/);
  assert.match(apply('StageNameCasing'), /AS build\n[\s\S]*--from=build/);
  assert.match(apply('LegacyKeyValueFormat'), /ENV FOO="bar baz"/);
  assert.match(apply('ExposeProtoCasing'), /EXPOSE 80\/tcp/);
  assert.match(apply('JSONArgsRecommended'), /CMD \["run", "it"\]/);
  assert.match(apply('ConsistentInstructionCasing'), /^FROM alpine/);
});

test('CopyIgnoredFile reads .dockerignore beside the Dockerfile, prefers <Dockerfile>.dockerignore, and is off with exclusions', async () => {
  const text = 'FROM alpine:3.20\nCOPY secrets/key.pem /k\nCOPY --from=alpine:3.20 /secrets /s\nADD build /b\nCOPY app /a\n';
  const found = async (files: Record<string, string>) => (await lint(text, files)).filter((d) => d.code === 'CopyIgnoredFile').map(where);
  assert.deepEqual(await found({ '/ws/.dockerignore': 'secrets\nbuild/\n' }), ['CopyIgnoredFile@2:6-2:21', 'CopyIgnoredFile@4:5-4:10']);
  assert.deepEqual(await found({ '/ws/.dockerignore': 'secrets\n', '/ws/Dockerfile.dockerignore': 'app\n' }), ['CopyIgnoredFile@5:6-5:9']);
  assert.deepEqual(await found({ '/ws/.dockerignore': 'secrets\n!secrets/public.pem\n' }), []);
  assert.deepEqual(await found({}), []);
});

test('CRLF line endings give the same findings at the same places', async () => {
  const lf = 'FROM alpine:3.20 as build\nENV A b\nRUN echo \\\n\n  $X\nCOPY $NOPE /x\nCMD run\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual((await lint(crlf)).map(where), (await lint(lf)).map(where));
  assert.ok((await lint(lf)).length >= 5);
});
