// The extension's parts against package.json: every command belongs to exactly one bundle (the core, which
// registers it at activation, or a part, which a stub stands in for until the part loads), and every
// scheme a part serves activates the extension, so a restored editor of one finds its provider.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS, PARTS } from '../../../client/src/commands/catalog';
import { SCHEMES } from '../../../client/src/parts/host';

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: { command: string }[] };
};

function partsOf(id: string): string[] {
  return Object.entries(PARTS)
    .filter(([, ids]) => (ids as readonly string[]).includes(id))
    .map(([part]) => part);
}

test('every contributed command and every catalog entry belongs to exactly one part or the core', () => {
  const ids = new Set([...manifest.contributes.commands.map((c) => c.command), ...Object.keys(COMMANDS)]);
  const wrong = [...ids]
    .map((id) => [id, partsOf(id)] as const)
    .filter(([, parts]) => parts.length !== 1)
    .map(([id, parts]) => `${id}: ${parts.join(', ') || 'no part'}`);
  assert.deepEqual(wrong, []);
  // And the lists name nothing else (a removed command leaves no stub behind).
  const listed = Object.values(PARTS).flat() as string[];
  assert.deepEqual(
    listed.filter((id) => !ids.has(id)),
    [],
  );
  assert.equal(listed.length, new Set(listed).size);
});

test('the parts hold the commands of what they load: Kubernetes the cluster, Docker the engine, Compose and Swarm', () => {
  assert.ok(PARTS.kubernetes.every((id) => id.startsWith('shipshape.k8s.')));
  assert.ok(PARTS.docker.every((id) => /^shipshape\.(docker|compose|swarm)\.|^shipshape\.buildAndDeploy$/.test(id)));
  assert.ok(
    PARTS.core.every((id) => COMMANDS[id].reaches.length === 0),
    'the core runs no command that reaches a cluster, the engine or a program',
  );
});

test('each scheme a part serves is an activation event', () => {
  for (const scheme of Object.values(SCHEMES)) assert.ok(manifest.activationEvents.includes(`onFileSystem:${scheme}`), `onFileSystem:${scheme}`);
});
