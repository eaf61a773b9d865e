import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'server/src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).toString();
const FIXTURES = path.join(REPO, 'test/fixtures/ecs');

function shipshape(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cli-ecs-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('lint finds ECS task definitions by name and content in a folder, leaves other JSON alone, and reports JSON and SARIF', () => {
  fs.copyFileSync(path.join(FIXTURES, 'valid/batch-job.json'), path.join(dir, 'batch.json'));
  fs.copyFileSync(path.join(FIXTURES, 'invalid/awsvpc-host-port-task-definition.json'), path.join(dir, 'web-task-definition.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"name": "x", "family": "not ecs"}\n');
  const json = shipshape(['lint', '--format', 'json', '.'], dir);
  assert.equal(json.code, 1, json.stderr);
  const report = JSON.parse(json.stdout) as { files: { path: string; kind: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
  assert.deepEqual(
    report.files.map((f) => `${f.path}:${f.kind}:${f.diagnostics.map((d) => `${d.range.start.line}:${d.code}`).join(',')}`),
    ['batch.json:ecs:', 'web-task-definition.json:ecs:26:EcsPortMapping'],
  );
  const sarif = JSON.parse(shipshape(['lint', '--format', 'sarif', 'web-task-definition.json'], dir).stdout);
  const result = sarif.runs[0].results[0];
  assert.equal(result.ruleId, 'EcsPortMapping');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 27);
  assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'EcsPortMapping'));
});
