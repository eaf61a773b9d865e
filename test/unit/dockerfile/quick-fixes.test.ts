/**
 * Every quick fix does what it says: applied to the fixture it was offered on, the finding it fixes is gone
 * and no new error appears.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Finding } from '../../../server/src/core/diagnostics';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { context, dockerfile } from './support';

const FIXTURES = path.resolve(__dirname, '../../oracles/buildkit/fixtures');
const EXTRA = [
  'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nRUN cd /srv\nADD app /app\nRUN sudo make\nRUNN x\nCOPY --chmown=1 a /b\n',
  'FROM alpine:3.20 AS builder\nFROM alpine:3.20\nCOPY --from=buildr! /a /b\nENV FOO=1\nCOPY $FO /x\n',
  'ARG VERSION=1\nFROM alpine:$VERSON\n',
  'FROM Alpine:3.20\n',
  'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n',
];

const key = (f: Finding) => `${f.code}@${f.range.start.line}:${f.range.start.character}`;

test('each quick fix removes its finding and adds no error', async () => {
  const ctx = context();
  const texts = [
    ...fs
      .readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.Dockerfile'))
      .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8')),
    ...EXTRA,
  ];
  const fixed = new Set<string>();
  for (const text of texts) {
    const file = dockerfile(text);
    const findings = await dockerfileSupport.validate(file, ctx);
    for (const f of findings) {
      const actions = dockerfileSupport.codeActions!(file, f.range, [f], ctx);
      if (!actions.length) continue;
      const edited = TextDocument.applyEdits(file.document, actions[0].edit!.changes![file.uri]);
      const after = await dockerfileSupport.validate(dockerfile(edited), ctx);
      const before = findings.filter((x) => x.code === f.code).length;
      assert.ok(after.filter((x) => x.code === f.code).length < before, `${actions[0].title} did not fix ${key(f)} in:\n${text}\n->\n${edited}`);
      const newErrors = after.filter((x) => x.severity === DiagnosticSeverity.Error && !findings.some((y) => y.code === x.code));
      assert.deepEqual(newErrors.map(key), [], `${actions[0].title} introduced errors:\n${edited}`);
      fixed.add(f.code);
    }
  }
  const expected = [
    'ConsistentInstructionCasing',
    'ExposeInvalidFormat',
    'ExposeProtoCasing',
    'FromAsCasing',
    'InvalidDefinitionDescription',
    'JSONArgsRecommended',
    'LegacyKeyValueFormat',
    'MaintainerDeprecated',
    'MultipleInstructionsDisallowed',
    'NoEmptyContinuation',
    'RedundantTargetPlatform',
    'StageNameCasing',
    'UndefinedVar',
    'UndefinedArgInFrom',
    'WorkdirRelativePath',
    'AptGetNoInstallRecommends',
    'AptGetListsNotCleaned',
    'RunCd',
    'AddInsteadOfCopy',
    'SudoInRun',
    'UnknownInstruction',
    'InvalidFlag',
    'UnknownStage',
    'MisspelledStage',
    'BuildError',
  ];
  assert.deepEqual([...fixed].sort(), expected.sort());
});
