import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { findNodeAtLocation } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { ecsSupport } from '../../server/src/ecs';
import { parseJson } from '../../server/src/json/parse';
import { ECS_FIXTURES, ecsFixtureFiles } from '../support/ecs-fixtures';

// Agreement with botocore's own ParamValidator (the pinned botocore from PyPI, in a venv setup.sh makes) on
// every ECS fixture, for the part of the model botocore checks before sending: required members, unknown
// members, types and minima. Every error botocore reports has a Shipshape finding of those codes on the line
// of its cause; a fixture botocore accepts has none of them. Enums, maxima and patterns botocore leaves to
// the service (it sends "TCP" and 51 tags), so those codes are not compared here; nor is JSON botocore never
// sees (json.loads takes the last of duplicate keys, as Shipshape checks it).

const HERE = path.join(__dirname, 'botocore');
const BOTOCORE_CODES = new Set(['EcsMissingMember', 'EcsUnknownMember', 'EcsInvalidType', 'EcsBelowMinimum']);
let python: string;

before(() => {
  python = execFileSync('bash', [path.join(HERE, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 }).trim();
});

interface BotocoreError {
  reason: string;
  name: string;
  param: string | null;
}

/** botocore's name (".containerDefinitions[0].cpu", "" for the request) as a JSON path. */
function pathOf(name: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const match of name.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) out.push(match[1] ?? Number(match[2]));
  return out;
}

test('botocore ParamValidator and Shipshape agree on every ECS fixture', () => {
  const files = ecsFixtureFiles();
  const lines = execFileSync(python, [path.join(HERE, 'validate.py'), ...files.map((f) => path.join(ECS_FIXTURES, f))], { encoding: 'utf8' })
    .trim()
    .split('\n');
  assert.equal(lines.length, files.length);
  let rejected = 0;
  for (const [i, line] of lines.entries()) {
    const result = JSON.parse(line) as { file: string; ok?: boolean; json?: string; errors?: BotocoreError[] };
    const label = files[i];
    const text = fs.readFileSync(result.file, 'utf8');
    const file = sourceFile(TextDocument.create(pathToUri(result.file), 'json', 1, text), 'ecs', '1.36');
    const findings = (ecsSupport.validate(file, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace({ roots: [ECS_FIXTURES] }) }) as Finding[]).filter((f) => BOTOCORE_CODES.has(f.code) || f.code === 'JsonSyntax');
    if (result.json) {
      assert.ok(
        findings.some((f) => f.code === 'JsonSyntax'),
        `${label}: json.loads refuses it (${result.json}); Shipshape reports no JsonSyntax`,
      );
      rejected++;
      continue;
    }
    if (result.ok) {
      assert.deepEqual(findings, [], `${label}: botocore accepts it, Shipshape reports ${findings.map((f) => f.code).join(', ')}`);
      continue;
    }
    rejected++;
    const root = parseJson(text).root!;
    for (const error of result.errors!) {
      // The unknown member's own key; otherwise the value botocore names (a missing member: the object lacking it).
      const at = findNodeAtLocation(root, pathOf(error.name));
      assert.ok(at, `${label}: botocore names ${error.name}, which is not in the file`);
      const node = error.reason === 'unknown field' ? at.children?.find((p) => p.children?.[0].value === error.param)?.children?.[0] : at;
      const cause = file.document.positionAt(node!.offset).line;
      assert.ok(
        findings.some((f) => f.range.start.line === cause),
        `${label}: botocore reports ${error.reason} at ${error.name || 'input'} ${error.param ?? ''} (line ${cause + 1}); Shipshape: ${findings.map((f) => `${f.code}@${f.range.start.line + 1}`).join(', ') || 'nothing'}`,
      );
    }
    assert.ok(findings.length > 0, label);
  }
  // The fixtures exercise both sides.
  assert.ok(rejected >= 8, `only ${rejected} fixtures rejected`);
});
