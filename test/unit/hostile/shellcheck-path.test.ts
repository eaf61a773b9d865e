/** Item 1: ShellCheck is looked up only in absolute PATH entries, and never runs for an untrusted workspace. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { findExecutable } from '../../../server/src/dockerfile/support/shellcheck-runner';
import { hostilePath, hostileRepo } from '../../support/hostile-repo';
import { context, dockerfile } from '../dockerfile/support';

const repo = hostileRepo();
test.after(() => repo.remove());
// The runner looks the binary up once, on first use: from here on it sees the careless PATH, from the workspace.
process.env.PATH = hostilePath(repo.trustedBin);
process.chdir(repo.root);

test('empty, "." and relative PATH entries are never searched, even from inside the workspace', () => {
  const cwd = process.cwd();
  process.chdir(repo.root);
  try {
    assert.equal(findExecutable('shellcheck', ['', '.', './node_modules/.bin', 'node_modules/.bin'].join(':'), 'linux'), null);
    assert.equal(findExecutable('shellcheck', `::.:${repo.trustedBin}:`, 'linux'), path.join(repo.trustedBin, 'shellcheck'));
    assert.equal(findExecutable('shellcheck', hostilePath(repo.trustedBin), 'linux'), path.join(repo.trustedBin, 'shellcheck'));
  } finally {
    process.chdir(cwd);
  }
});

test('a folder named like the program, or a file without the execute bit, is not a program', () => {
  assert.equal(findExecutable('node_modules', repo.root, 'linux'), null);
  const plain = repo.write('bin/shellcheck', 'not a program\n');
  assert.equal(findExecutable('shellcheck', path.dirname(plain), 'linux'), null);
});

test('Windows: only drive-absolute entries count', () => {
  assert.equal(findExecutable('shellcheck', '.;bin;tools\\sc', 'win32'), null);
});

test("an untrusted workspace starts no ShellCheck; a trusted one runs the absolute PATH one, never the workspace's", async () => {
  const untrusted = { ...context({}, true), trusted: false };
  const findings = await dockerfileSupport.validate(dockerfile('FROM alpine\nRUN echo $UNTRUSTED_UNIT\n'), untrusted);
  assert.deepEqual(
    findings.filter((f) => f.code === 'ShellCheck'),
    [],
  );
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(repo.ran(), []);
  // The CLI path (no refresh) waits for the run.
  await dockerfileSupport.validate(dockerfile('FROM alpine\nRUN echo $TRUSTED_UNIT\n'), context({}, true));
  assert.deepEqual(
    repo.ran().map((line) => line.split(' ')[0]),
    ['trusted-shellcheck'],
  );
  assert.match(repo.ran()[0], /--norc/);
});
