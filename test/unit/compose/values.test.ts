import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteSizeError, cpusError, durationError, isIp, parsePort, parseVolume } from '../../../server/src/compose/values';

test('durations follow str2duration: units required, d and w allowed', () => {
  for (const ok of ['0', '30s', '1m30s', '1.5h', '2d', '1w', '500ms', '10us']) assert.equal(durationError(ok), undefined, ok);
  assert.match(durationError('10')!, /missing unit/);
  assert.match(durationError('10sec')!, /unknown unit "sec"/);
  assert.match(durationError('s')!, /invalid duration/);
});

test('byte sizes follow go-units RAMInBytes', () => {
  for (const ok of ['512m', '1g', '1.5G', '100kb', '2GiB', '1024', '10 m']) assert.equal(byteSizeError(ok), undefined, ok);
  for (const bad of ['512 megabytes', 'lots', '-5m', '1x']) assert.ok(byteSizeError(bad), bad);
});

test('cpus must be a plain number', () => {
  assert.equal(cpusError('0.5'), undefined);
  assert.equal(cpusError('2'), undefined);
  assert.ok(cpusError('half'));
  assert.ok(cpusError('50%'));
});

test('ports: short syntax with ranges, IPs and protocols', () => {
  assert.deepEqual(parsePort('8080:80'), { ip: '', published: '8080', target: '80', protocol: 'tcp', hostPorts: [8080] });
  assert.deepEqual(parsePort('127.0.0.1:53:53/udp'), { ip: '127.0.0.1', published: '53', target: '53', protocol: 'udp', hostPorts: [53] });
  assert.equal(typeof parsePort('[::1]:8080:80'), 'object');
  assert.deepEqual((parsePort('8000-8001:80-81') as { hostPorts: number[] }).hostPorts, [8000, 8001]);
  assert.deepEqual((parsePort('8000-8010:80') as { hostPorts: number[] }).hostPorts, [], 'a host range for one container port is a pool');
  assert.match(parsePort('80/tcpx') as string, /invalid protocol/);
  assert.match(parsePort('70000') as string, /0–65535/);
  assert.match(parsePort('8000-8002:80-81') as string, /differ in size/);
  assert.match(parsePort('300.1.1.1:80:80') as string, /invalid IP/);
  assert.match(parsePort('81-80') as string, /end before start/);
});

test('IP addresses as Go net.ParseIP reads them', () => {
  for (const ok of ['0.0.0.0', '192.168.1.10', '::', '::1', 'fe80::1', '2001:db8::8a2e:370:7334', '::ffff:10.0.0.1']) assert.ok(isIp(ok), ok);
  for (const bad of ['1.2.3', '256.1.1.1', '01.2.3.4', 'localhost', '1::2::3', 'g::1']) assert.ok(!isIp(bad), bad);
});

test('volumes: compose-go ParseVolume', () => {
  assert.deepEqual(parseVolume('data:/data'), { source: 'data', target: '/data', type: 'volume' });
  assert.deepEqual(parseVolume('./src:/app:ro'), { source: './src', target: '/app', type: 'bind' });
  assert.deepEqual(parseVolume('/var/lib'), { source: '', target: '/var/lib', type: 'volume' });
  assert.deepEqual(parseVolume('C:\\data:/data'), { source: 'C:\\data', target: '/data', type: 'bind' });
  assert.match(parseVolume(':/media/') as string, /empty section between colons/);
  assert.match(parseVolume('ab:/b:ro:x') as string, /too many colons/);
  // Like compose-go, a one-letter first section is a Windows drive.
  assert.deepEqual(parseVolume('a:/b:ro:x'), { source: 'a:/b', target: 'ro', type: 'bind' });
});
