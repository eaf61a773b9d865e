// Docker over SSH against a real OpenSSH server on loopback (Debian's openssh-server, installed by
// test/infra/docker through apt_ensure): the key it offers must be in known_hosts, as ssh insists. The
// server's forced command is `docker system dial-stdio` to the test engine, so an accepted connection
// reaches the real dockerd. The client key is served by a real ssh-agent, as on a desktop.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { connectEngine, describeEngineError } from '../../client/src/docker/engine';
import { findExecutable } from '../../client/src/kubernetes/cluster/credentials';
import { dockerSkip } from './docker-support';

const sshd = '/usr/sbin/sshd';
const skip: string | false = dockerSkip || (!fs.existsSync(sshd) && process.env.CI !== 'true' ? 'no /usr/sbin/sshd (test/infra/docker installs openssh-server)' : false);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function listening(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) =>
      net
        .connect(port, '127.0.0.1')
        .on('connect', function (this: net.Socket) {
          this.destroy();
          r(true);
        })
        .on('error', () => r(false)),
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('ssh:// engine: an unknown or changed host key is refused with what to do; the known one reaches dockerd', { skip, timeout: 90_000 }, async () => {
  assert.ok(fs.existsSync(sshd), 'openssh-server must be installed (test/infra/docker/up.sh)');
  const dockerHost = process.env.DOCKER_HOST!;
  assert.match(dockerHost, /^unix:\/\//, 'the test engine listens on a unix socket');
  const dockerCli = findExecutable('docker', process.env.PATH ?? '');
  assert.ok(dockerCli, 'the docker CLI (for `docker system dial-stdio` on the server side)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-ssh-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const children: ChildProcess[] = [];
  const savedSock = process.env.SSH_AUTH_SOCK;
  try {
    const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
    keygen(path.join(dir, 'host_key'));
    keygen(path.join(dir, 'impostor_key'));
    keygen(path.join(dir, 'client_key'));
    const user = os.userInfo().username;
    fs.writeFileSync(path.join(dir, 'authorized_keys'), `command="${dockerCli} -H ${dockerHost} system dial-stdio",no-pty,no-port-forwarding ${fs.readFileSync(path.join(dir, 'client_key.pub'), 'utf8')}`, { mode: 0o600 });
    const port = await freePort();
    fs.writeFileSync(
      path.join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${path.join(dir, 'host_key')}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin prohibit-password',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege-separation directory
    const server = spawn(sshd, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(server);
    let serverLog = '';
    server.stderr!.on('data', (d: Buffer) => (serverLog += d.toString()));
    await listening(port, 15_000);
    // A real agent holds the client key, as SSH_AUTH_SOCK does on a desktop.
    const sock = path.join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    children.push(agent);
    for (let i = 0; i < 50 && !fs.existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
    execFileSync('ssh-add', ['-q', path.join(dir, 'client_key')], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
    process.env.SSH_AUTH_SOCK = sock;

    const target = `ssh://${user}@127.0.0.1:${port}`;
    const engine = () => connectEngine({ env: { DOCKER_HOST: target }, home });
    const pub = (name: string) =>
      fs
        .readFileSync(path.join(dir, `${name}.pub`), 'utf8')
        .trim()
        .split(' ')
        .slice(0, 2)
        .join(' ');
    const knownHosts = path.join(home, '.ssh', 'known_hosts');

    // Unknown host: refused before authenticating (sshd never sees our key).
    const first = engine();
    const unknown = await first.docker.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(unknown, 'ping must fail for a host that is not in known_hosts');
    assert.match(describeEngineError(unknown, first.target), new RegExp(`SSH host key of \\[127\\.0\\.0\\.1\\]:${port} \\(SHA256:[^)]+\\) is not in .*known_hosts.*ssh -p ${port} 127\\.0\\.0\\.1`));
    assert.doesNotMatch(serverLog, /Accepted publickey/, 'no authentication was attempted');

    // known_hosts lists another key for this host (a man in the middle, or a reinstall): refused.
    fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${pub('impostor_key')}\n`);
    const second = engine();
    const changed = await second.docker.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(changed, 'ping must fail for a changed host key');
    assert.match(describeEngineError(changed, second.target), /does not match the one in known_hosts: someone may be intercepting/);

    // The recorded key, hashed by ssh-keygen -H as many distributions write it: accepted, the real engine answers.
    fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${pub('host_key')}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', knownHosts]);
    const third = engine();
    assert.equal(String(await third.docker.ping()), 'OK');
    assert.match((await third.docker.version()).ApiVersion, /^\d+\.\d+$/);
    assert.match(serverLog, /Accepted publickey/);
  } finally {
    if (savedSock === undefined) delete process.env.SSH_AUTH_SOCK;
    else process.env.SSH_AUTH_SOCK = savedSock;
    for (const c of children) c.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
