// The command table against package.json: every contributed command has a policy; every command that
// reaches a cluster, the engine or a program needs trust and says so in its enablement; the gate refuses
// before the handler runs; and nothing registers a command or takes a writable cluster connection
// anywhere but the one place that may.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS, gated, policyProblem, type CommandId, type CommandPolicy } from '../../../client/src/commands/catalog';

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; enablement?: string }[]; configuration: { properties: Record<string, { scope?: string }> }; menus: Record<string, { command: string; when?: string }[]> };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
};
const policies = COMMANDS as Record<string, CommandPolicy>;

test('every contributed command is in the catalog, and every catalog entry not marked internal is contributed', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);
  for (const id of contributed) assert.ok(policies[id], `${id} is contributed but has no policy in client/src/commands/catalog.ts`);
  for (const [id, p] of Object.entries(policies)) if (!p.internal) assert.ok(contributed.includes(id), `${id} is in the catalog but not contributed`);
});

test('a command that reaches anything, or changes anything, needs trust, and package.json says so', () => {
  for (const [id, p] of Object.entries(policies)) assert.equal(policyProblem(id, p), undefined);
  for (const c of manifest.contributes.commands) {
    const p = policies[c.command]!;
    if (p.trust) assert.match(c.enablement ?? '', /\bisWorkspaceTrusted\b/, `${c.command} needs "enablement": "isWorkspaceTrusted"`);
    else assert.equal(c.enablement, undefined, `${c.command} is local and should stay enabled`);
  }
  // The mutating ones, by name: the table must not quietly lose one.
  const mutating = Object.entries(policies)
    .filter(([, p]) => p.mutates)
    .map(([id]) => id);
  for (const id of [
    'shipshape.k8s.apply',
    'shipshape.k8s.delete',
    'shipshape.k8s.scale',
    'shipshape.k8s.rolloutRestart',
    'shipshape.k8s.rolloutUndo',
    'shipshape.k8s.setImage',
    'shipshape.k8s.cordon',
    'shipshape.k8s.uncordon',
    'shipshape.buildAndDeploy',
    'shipshape.docker.prune',
    'shipshape.compose.up',
  ]) {
    assert.ok(mutating.includes(id), `${id} must be declared as a change`);
  }
});

test('the gate refuses a command that needs trust before its handler sees anything, and lets local ones run', async () => {
  const refused: string[] = [];
  let ran = 0;
  const gate = { trusted: () => false, refuse: (m: string) => void refused.push(m), fail: (t: string, e: unknown) => assert.fail(`${t}: ${String(e)}`) };
  for (const id of Object.keys(COMMANDS) as CommandId[]) {
    await gated(id, async () => void ran++, undefined, gate)('arg');
  }
  const needTrust = Object.values(policies).filter((p) => p.trust).length;
  assert.equal(refused.length, needTrust);
  assert.equal(ran, Object.keys(COMMANDS).length - needTrust);
  assert.match(refused.find((m) => m.includes('"Delete"'))!, /not available in an untrusted workspace \(Shipshape does not contact clusters there\)/);
  // Trusted: the handler runs with the context and the arguments; a throw is reported once, not rethrown.
  const failures: string[] = [];
  const trusted = { trusted: () => true, refuse: () => assert.fail('refused'), fail: (t: string, e: unknown) => void failures.push(`${t}: ${(e as Error).message}`) };
  assert.equal(await gated('shipshape.k8s.delete', async (ctx, a) => `${String(ctx)} ${String(a)}`, 'ctx', trusted)('node'), 'ctx node');
  assert.equal(
    await gated(
      'shipshape.k8s.delete',
      async () => {
        throw new Error('403 Forbidden');
      },
      undefined,
      trusted,
    )(),
    undefined,
  );
  assert.deepEqual(failures, ['Delete: 403 Forbidden']);
});

test('a policy that reaches a cluster without trust cannot even be registered', () => {
  assert.match(policyProblem('x', { title: 'x', trust: false, reaches: ['cluster'], mutates: false })!, /does not require a trusted workspace/);
  assert.match(policyProblem('x', { title: 'x', trust: false, reaches: [], mutates: true })!, /does not require a trusted workspace/);
});

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('commands are registered only through the table, and only the door gets writable cluster connections', () => {
  const client = path.join(root, 'client/src');
  for (const file of sources(client)) {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(client, file);
    if (rel !== path.join('commands', 'register.ts')) assert.ok(!/registerCommand\(/.test(text), `${rel} registers a command outside commands/register.ts`);
    if (rel !== path.join('kubernetes', 'vscode', 'change-prompts.ts') && rel !== path.join('kubernetes', 'explorer', 'model.ts')) {
      assert.ok(!/writableConnection\(/.test(text), `${rel} takes a writable connection: changes go through the change door`);
    }
    const cluster = rel.startsWith('kubernetes') || rel.startsWith(path.join('docker', 'deploy'));
    if (cluster) assert.ok(!/force:\s*true|force=true|PatchStrategy/.test(text), `${rel} forces a server-side apply`);
    assert.ok(
      !/loadFromDefault\(|new ClusterConnection\(|ClusterConnection\.forContext\(/.test(text) || ['kubernetes/explorer/model.ts', 'kubernetes/cluster/connection.ts'].includes(rel.split(path.sep).join('/')),
      `${rel} opens a cluster connection of its own instead of the explorer's`,
    );
  }
});

test('every setting a repository could abuse is restricted in untrusted workspaces or machine-scoped', () => {
  const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
  const props = manifest.contributes.configuration.properties;
  for (const key of restricted) assert.ok(props[key], `${key} is restricted but not declared`);
  const abusable = [
    'shipshape.docker.build.context',
    'shipshape.docker.build.args',
    'shipshape.docker.build.network',
    'shipshape.docker.run.configurations',
    'shipshape.docker.exec.shell',
    'shipshape.docker.composeVersion',
    'shipshape.kubernetes.dryRunOnSave',
    'shipshape.trace.server',
    'shipshape.dockerfile.shellcheck',
    'shipshape.helm.valueFiles',
    'shipshape.helm.values',
    'shipshape.helm.set',
  ];
  for (const key of abusable) assert.ok(restricted.has(key), `${key} must be in restrictedConfigurations`);
  for (const key of ['shipshape.kubeconfigs', 'shipshape.protectedContexts', 'shipshape.logs.maxLines']) assert.equal(props[key]!.scope, 'machine', `${key} must be machine-scoped`);
});
