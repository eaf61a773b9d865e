import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../../../server/src/core/detect';
import type { Finding } from '../../../server/src/core/diagnostics';
import type { ServiceContext } from '../../../server/src/core/language';
import { readModeline } from '../../../server/src/core/modeline';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/core/settings';
import { pathToUri, sourceFile, type SourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { ecsSupport } from '../../../server/src/ecs';
import { ECS_RULES } from '../../../server/src/ecs/rules';
import { createRegistry } from '../../../server/src/languages';
import { ECS_FIXTURES, ecsFixtureFiles, expectedEcsFindings } from '../../support/ecs-fixtures';

const ctx: ServiceContext = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace({ roots: [ECS_FIXTURES] }) };

function load(text: string, name = '/w/app-task-definition.json'): SourceFile {
  return sourceFile(TextDocument.create(pathToUri(name), 'json', 1, text), 'ecs', '1.36');
}

function check(text: string): Finding[] {
  return ecsSupport.validate(load(text), ctx) as Finding[];
}

const codes = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1}:${f.code}`);

describe('ECS detection', () => {
  it('by name: *task-definition*.json and taskdef.json', () => {
    for (const name of ['/w/task-definition.json', '/w/web-task-definition.json', '/w/ecs/task-definition-prod.json', '/w/taskdef.json']) {
      assert.equal(detectKind(name, '{}')?.kind, 'ecs', name);
    }
  });
  it('by content: a JSON object with top-level containerDefinitions and family', () => {
    assert.equal(detectKind('/w/web.json', '{"family": "web", "containerDefinitions": []}')?.kind, 'ecs');
    assert.equal(detectKind('/w/package.json', '{"name": "x", "version": "1.0.0"}'), undefined);
    // Nested keys are not the top level's.
    assert.equal(detectKind('/w/cfn.json', '{"Resources": {"T": {"Properties": {"family": "web", "containerDefinitions": []}}}}'), undefined);
    assert.equal(detectKind('/w/half.json', '{"family": "web"}'), undefined);
  });
  it('JSON has no comments: no modeline makes a file ECS, and kind=ecs in a YAML modeline is ignored', () => {
    assert.equal(readModeline('# shipshape: kind=ecs\nservices: {}\n')?.kind, undefined);
    assert.equal(detectKind('/w/x.yaml', '# shipshape: kind=ecs\nkey: 1\n')?.kind, 'yaml');
  });
});

describe('ECS fixtures', () => {
  const expected = expectedEcsFindings();
  it('every invalid fixture is in the table and every rule has a fixture', () => {
    const invalid = ecsFixtureFiles().filter((f) => f.startsWith('invalid'));
    assert.deepEqual(invalid.sort(), expected.map((e) => e.file).sort());
    const covered = new Set(expected.map((e) => e.code));
    for (const rule of ECS_RULES) assert.ok(covered.has(rule.id), `${rule.id} has no fixture`);
  });
  for (const file of ecsFixtureFiles()) {
    it(file, () => {
      const text = fs.readFileSync(path.join(ECS_FIXTURES, file), 'utf8');
      assert.equal(detectKind(path.join(ECS_FIXTURES, file), text)?.kind, 'ecs');
      const findings = check(text);
      const want = expected.filter((e) => e.file === file).map((e) => `${e.line}:${e.code}`);
      assert.deepEqual(codes(findings), want, findings.map((f) => f.message).join('\n'));
    });
  }
});

const TASK = (containers: string, extra = '') => `{\n  "family": "t",${extra}\n  "containerDefinitions": [\n${containers}\n  ]\n}\n`;

describe('ECS rules', () => {
  it('Fargate needs task cpu and memory', () => {
    const findings = check(TASK('    {"name": "a", "image": "x"}', '\n  "requiresCompatibilities": ["FARGATE"],\n  "networkMode": "awsvpc",'));
    assert.deepEqual(codes(findings), ['3:EcsFargateCpuMemory']);
    assert.match(String(findings[0].message), /"cpu" and "memory"/);
  });
  it('the Fargate size table: 256 takes 512/1024/2048, 8 vCPU steps of 4 GB, vCPU and GB spellings', () => {
    const size = (cpu: string, memory: string) => codes(check(TASK('    {"name": "a", "image": "x"}', `\n  "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "${cpu}", "memory": "${memory}",`)));
    assert.deepEqual(size('256', '2048'), []);
    assert.deepEqual(size('256', '1536'), ['3:EcsFargateCpuMemory']);
    assert.deepEqual(size('8 vCPU', '20 GB'), []);
    assert.deepEqual(size('8192', '18432'), ['3:EcsFargateCpuMemory']);
    assert.deepEqual(size('4096', '30720'), []);
    assert.deepEqual(size('128', '512'), ['3:EcsFargateCpuMemory']);
  });
  it('container memory: sum over the task memory, and EC2 containers without any memory', () => {
    const over = check(TASK('    {"name": "a", "image": "x", "memory": 400},\n    {"name": "b", "image": "x", "memoryReservation": 200}', '\n  "memory": "512",'));
    assert.deepEqual(codes(over), ['3:EcsContainerMemory']);
    assert.match(String(over[0].message), /600 MiB together/);
    assert.deepEqual(codes(check(TASK('    {"name": "a", "image": "x"}'))), ['4:EcsContainerMemory']);
  });
  it('host network mode: hostPort equals containerPort; none: no port mappings; bridge: anything', () => {
    const ports = (mode: string) => codes(check(TASK(`    {"name": "a", "image": "x", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}`, `\n  "networkMode": "${mode}",`)));
    assert.deepEqual(ports('host'), ['5:EcsPortMapping']);
    assert.deepEqual(ports('none'), ['5:EcsPortMapping']);
    assert.deepEqual(ports('bridge'), []);
  });
  it('links and volumesFrom name containers; a container cannot depend on itself', () => {
    const findings = check(
      TASK('    {"name": "a", "image": "x", "memory": 64, "links": ["b:alias"], "volumesFrom": [{"sourceContainer": "c"}], "dependsOn": [{"containerName": "a", "condition": "START"}]},\n    {"name": "b", "image": "x", "memory": 64}'),
    );
    assert.deepEqual(codes(findings), ['4:EcsUndefinedContainer', '4:EcsUndefinedContainer']);
  });
  it('awslogs needs its group and region; splunk its url; Fargate refuses other drivers', () => {
    const log = (driver: string, options: string, extra = '') => codes(check(TASK(`    {"name": "a", "image": "x", "memory": 64, "logConfiguration": {"logDriver": "${driver}", "options": {${options}}}}`, extra)));
    assert.deepEqual(log('awslogs', '"awslogs-group": "g"'), ['4:EcsLogConfiguration']);
    assert.deepEqual(log('awslogs', '"awslogs-group": "g", "awslogs-region": "eu-west-1"'), []);
    assert.deepEqual(log('splunk', '"splunk-token": "t"'), ['4:EcsLogConfiguration']);
    assert.deepEqual(log('json-file', '', '\n  "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",'), ['5:EcsLogConfiguration']);
  });
  it('health check limits and command form', () => {
    const findings = check(TASK('    {"name": "a", "image": "x", "memory": 64, "healthCheck": {"command": ["curl", "-f", "http://localhost"], "timeout": 1, "retries": 11, "startPeriod": 301}}'));
    assert.deepEqual(codes(findings), ['4:EcsHealthCheck', '4:EcsHealthCheck', '4:EcsHealthCheck', '4:EcsHealthCheck']);
  });
  it('SSM parameter names and ARNs, Secrets Manager ARNs with a JSON key; repository credentials need a secret ARN', () => {
    const secret = (value: string) => codes(check(TASK(`    {"name": "a", "image": "x", "memory": 64, "secrets": [{"name": "S", "valueFrom": "${value}"}]}`)));
    assert.deepEqual(secret('arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::'), []);
    assert.deepEqual(secret('arn:aws-cn:ssm:cn-north-1:123456789012:parameter/app/key'), []);
    assert.deepEqual(secret('app/key'), []);
    assert.deepEqual(secret('arn:aws:s3:::bucket/key'), ['4:EcsSecretReference']);
    assert.deepEqual(secret('has space'), ['4:EcsSecretReference']);
    const creds = codes(check(TASK('    {"name": "a", "image": "x", "memory": 64, "repositoryCredentials": {"credentialsParameter": "registry-creds"}}')));
    assert.deepEqual(creds, ['4:EcsSecretReference']);
  });
});

describe('ECS bad input', () => {
  it('duplicate keys are reported and the last one is what is checked (as json.loads keeps it)', () => {
    const findings = check('{\n  "family": "t",\n  "family": 5,\n  "containerDefinitions": [{"name": "a", "image": "x", "memory": 64}]\n}\n');
    assert.deepEqual(codes(findings), ['3:JsonDuplicateKey', '3:EcsInvalidType']);
  });
  it('invalid UTF-8 (decoded to U+FFFD) is a warning at its line; the rest is still checked', () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "family": "t'), Buffer.from([0xff, 0xfe]), Buffer.from('",\n  "containerDefinitions": [{"name": "a", "image": "x", "memory": 64, "cpu": "1"}]\n}\n')]);
    assert.deepEqual(codes(check(bytes.toString('utf8'))), ['2:JsonReplacementCharacter', '3:EcsInvalidType']);
  });
  it('not JSON, an empty file, a top-level array: one clear finding each', () => {
    assert.deepEqual(codes(check('family: web\n')), ['1:JsonSyntax']);
    assert.deepEqual(codes(check('')), ['1:JsonSyntax']);
    const array = check('[]');
    assert.deepEqual(codes(array), ['1:EcsInvalidType']);
    assert.match(String(array[0].message), /must be an object, not an array/);
  });
  it('a 200-container file is checked whole: every container, no budget finding', async () => {
    const containers = Array.from({ length: 200 }, (_, i) => `    {"name": "c${i}", "image": "x", "memory": 32, "links": ["c${i === 0 ? 199 : i - 1}"], "dependsOn": [{"containerName": "missing${i}", "condition": "START"}]}`).join(',\n');
    const findings = await createRegistry().validate(load(TASK(containers)), ctx);
    assert.equal(findings.filter((f) => f.code === 'EcsUndefinedContainer').length, 200);
    assert.equal(findings.length, 200);
  });
  it('suppression comments do not exist in JSON, but shipshape.rules turns a code off or down', async () => {
    const text = TASK('    {"name": "a", "image": "x", "memory": 64, "healthCheck": {"command": ["CMD", "true"], "interval": 1}}');
    const registry = createRegistry();
    const off = await registry.validate(load(text), { ...ctx, settings: normalizeSettings({ rules: { EcsHealthCheck: 'off' } }) });
    assert.deepEqual(off, []);
    const warning = await registry.validate(load(text), { ...ctx, settings: normalizeSettings({ rules: { EcsHealthCheck: 'warning' } }) });
    assert.equal(warning[0].severity, 2);
  });
});

describe('ECS editing', () => {
  const text = fs.readFileSync(path.join(ECS_FIXTURES, 'valid/web-fargate-task-definition.json'), 'utf8');
  const file = load(text);
  const at = (needle: string, delta = 0) => file.document.positionAt(text.indexOf(needle) + delta);
  it('hover shows the model documentation of a member', () => {
    const hoverText = (needle: string) => (ecsSupport.hover!(file, at(needle, 3), ctx)?.contents as { value: string } | undefined)?.value ?? '';
    const value = hoverText('"networkMode"');
    assert.match(value, /\*\*networkMode\*\*: string: `bridge` \| `host` \| `awsvpc` \| `none`/);
    assert.match(value, /Docker networking mode/);
    assert.match(hoverText('"startPeriod"'), /grace period/);
  });
  it('completion offers the missing members of a container, required ones first, and enum values', () => {
    const edited = load(text.replace('"essential": true,', '"essential": true,\n      "",'));
    const position = edited.document.positionAt(edited.text.indexOf('"",') + 1);
    const labels = ecsSupport.completion!(edited, position, ctx) as { label: string }[];
    const names = labels.map((l) => l.label);
    assert.ok(names.includes('stopTimeout') && names.includes('healthCheck') === false && !names.includes('image'), names.join(','));
    const enumFile = load(text.replace('"networkMode": "awsvpc"', '"networkMode": ""'));
    const values = ecsSupport.completion!(enumFile, enumFile.document.positionAt(enumFile.text.indexOf('"networkMode": ""') + 16), ctx) as { label: string }[];
    assert.deepEqual(
      values.map((v) => v.label),
      ['"bridge"', '"host"', '"awsvpc"', '"none"'],
    );
  });
  it('document symbols: family, then containers (with their image) and volumes', () => {
    const [family] = ecsSupport.documentSymbols!(file, ctx);
    assert.equal(family.name, 'web');
    assert.deepEqual(
      family.children?.map((c) => `${c.name}:${c.detail}`),
      ['app:123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2', 'migrate:123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2', 'uploads:volume'],
    );
  });
});
