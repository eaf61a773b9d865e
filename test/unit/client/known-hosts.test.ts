// Docker over SSH checks the host key as ssh does. known_hosts files are written by OpenSSH's own
// ssh-keygen (plain and hashed with -H), so the parser is held to the real format.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkHostKey, hostsMatch, readKnownHosts } from '../../../client/src/docker/known-hosts';
import { dockerodeOptions } from '../../../client/src/docker/engine';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-known-hosts-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
function hostKey(name: string): { line: string; blob: Buffer } {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  const [type, b64] = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  return { line: `${type} ${b64}`, blob: Buffer.from(b64!, 'base64') };
}
const good = hostKey('good');
const other = hostKey('other');

test('a listed key is accepted; an unknown host and a changed key are refused, saying what to do', () => {
  const files = [{ file: '~/.ssh/known_hosts', text: `# comment\nbuild.example ${good.line}\n[build.example]:2222 ${other.line}\n` }];
  assert.deepEqual(checkHostKey(files, 'build.example', 22, good.blob), { ok: true });
  const changed = checkHostKey(files, 'build.example', 22, other.blob);
  assert.equal(changed.ok, false);
  assert.match(!changed.ok ? changed.message : '', /does not match the one in known_hosts: someone may be intercepting/);
  // The port is part of the name: [host]:2222 has its own key.
  assert.deepEqual(checkHostKey(files, 'build.example', 2222, other.blob), { ok: true });
  const unknown = checkHostKey(files, 'elsewhere.example', 22, good.blob);
  assert.match(!unknown.ok ? unknown.message : '', /is not in ~\/\.ssh\/known_hosts\. Connect once with ssh elsewhere\.example/);
});

test('hashed names from ssh-keygen -H, patterns, negation and @revoked', () => {
  const file = path.join(dir, 'known_hosts');
  fs.writeFileSync(file, `127.0.0.1 ${good.line}\n[127.0.0.1]:2200 ${other.line}\n`);
  execFileSync('ssh-keygen', ['-q', '-H', '-f', file]);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(!text.includes('127.0.0.1'), 'names are hashed');
  assert.deepEqual(checkHostKey([{ file, text }], '127.0.0.1', 22, good.blob), { ok: true });
  assert.deepEqual(checkHostKey([{ file, text }], '127.0.0.1', 2200, other.blob), { ok: true });
  assert.equal(checkHostKey([{ file, text }], '127.0.0.2', 22, good.blob).ok, false);
  assert.ok(hostsMatch('*.example,!bad.example', 'ok.example'));
  assert.ok(!hostsMatch('*.example,!bad.example', 'bad.example'));
  assert.ok(hostsMatch('build?.example', 'build1.example'));
  const revoked = checkHostKey([{ file, text: `@revoked * ${good.line}\nhost ${good.line}\n` }], 'host', 22, good.blob);
  assert.equal(!revoked.ok && revoked.reason, 'revoked');
});

test("the dockerode options of an ssh:// engine verify the host key from the home folder's known_hosts", () => {
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true });
  fs.writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[engine.example]:2022 ${good.line}\n`);
  const opts = dockerodeOptions({ source: 'DOCKER_HOST', context: 'default', host: 'ssh://me@engine.example:2022' }, { home }) as { sshOptions: { hostVerifier(key: Buffer): boolean } };
  assert.equal(opts.sshOptions.hostVerifier(good.blob), true);
  assert.equal(opts.sshOptions.hostVerifier(other.blob), false);
  assert.equal(readKnownHosts(home).length >= 1, true);
});
