// Port parsing: Docker's `docker run -p` forms (client/src/docker/containers.ts) and the Kubernetes
// port-forward prompt (client/src/kubernetes/portforward/ports.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePort, toCreateOptions } from '../../../client/src/docker/containers';
import { parsePorts } from '../../../client/src/kubernetes/portforward/ports';

test('docker run ports: [ip:][hostPort:]containerPort[/proto], IPv6 in brackets, an empty host port for any', () => {
  assert.deepEqual(parsePort('8080:80'), { containerPort: '80/tcp', binding: { HostPort: '8080' } });
  assert.deepEqual(parsePort('80'), { containerPort: '80/tcp', binding: { HostPort: '' } });
  assert.deepEqual(parsePort(':80'), { containerPort: '80/tcp', binding: { HostPort: '' } });
  assert.deepEqual(parsePort('127.0.0.1:8080:80/udp'), { containerPort: '80/udp', binding: { HostIp: '127.0.0.1', HostPort: '8080' } });
  assert.deepEqual(parsePort('[::1]:5353:53/sctp'), { containerPort: '53/sctp', binding: { HostIp: '::1', HostPort: '5353' } });
  assert.deepEqual(parsePort('  9000:9000  '), { containerPort: '9000/tcp', binding: { HostPort: '9000' } });
  for (const bad of ['', 'http', '80/icmp', '8080:80:70:60', 'localhost:8080:80', '80-90:80-90', '-1:80']) {
    assert.throws(() => parsePort(bad), /Bad port mapping .* \(expected \[ip:\]hostPort:containerPort\[\/proto\]\)/, bad);
  }
});

test('a run spec becomes create options: one exposed port per container port, every binding kept; bad entries refused', () => {
  const options = toCreateOptions({ image: 'nginx', ports: ['8080:80', '127.0.0.1:8443:443', '9090:80'], env: ['A=1'], volumes: ['data:/var/lib/data:ro'] });
  assert.deepEqual(options.ExposedPorts, { '80/tcp': {}, '443/tcp': {} });
  assert.deepEqual(options.HostConfig?.PortBindings, { '80/tcp': [{ HostPort: '8080' }, { HostPort: '9090' }], '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }] });
  assert.deepEqual(options.Env, ['A=1']);
  assert.deepEqual(options.HostConfig?.Binds, ['data:/var/lib/data:ro']);
  assert.equal(toCreateOptions({ image: 'nginx' }).ExposedPorts, undefined);
  assert.throws(() => toCreateOptions({ image: 'nginx', env: ['NOEQUALS'] }), /Bad environment entry "NOEQUALS"/);
  assert.throws(() => toCreateOptions({ image: 'nginx', volumes: ['relative/only'] }), /Bad volume "relative\/only"/);
});

test('port-forward prompt: local:remote, a bare remote port on any free local port, named ports, several at once', () => {
  assert.deepEqual(parsePorts('8080:80'), [{ local: 8080, remote: 80 }]);
  assert.deepEqual(parsePorts('80'), [{ local: 0, remote: 80 }]);
  assert.deepEqual(parsePorts(':http'), [{ local: 0, remote: 'http' }]);
  assert.deepEqual(parsePorts('9000:metrics'), [{ local: 9000, remote: 'metrics' }]);
  assert.deepEqual(parsePorts(' 8080:80, 8443:443  5432 '), [
    { local: 8080, remote: 80 },
    { local: 8443, remote: 443 },
    { local: 0, remote: 5432 },
  ]);
  assert.deepEqual(parsePorts(''), []);
});
