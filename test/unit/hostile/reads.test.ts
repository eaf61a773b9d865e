/**
 * Item 6: every read goes through one door (core/read-guard.ts via the workspace): regular files only, a size
 * cap, symlinks resolved and kept inside the roots. Each refusal is a finding at the line naming the file.
 * Every test here would hang (a FIFO), balloon (/dev/zero) or leak (outside) without the guard; each read is
 * raced against a timer so a regression fails instead of stalling the suite.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../../server/src/cli/lint';
import { collectFiles } from '../../../server/src/cli/collect';
import { composeSupport } from '../../../server/src/compose/index';
import type { Finding } from '../../../server/src/core/diagnostics';
import { readGuarded } from '../../../server/src/core/read-guard';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { indexFile } from '../../../server/src/lsp/workspace-index';
import { ServerState } from '../../../server/src/lsp/state';
import { SECRET, hostileRepo } from '../../support/hostile-repo';

const repo = hostileRepo();
test.after(() => repo.remove());
const policy = { roots: [repo.root], maxBytes: 1024 * 1024 };

function compose(relative: string, text: string, settings = DEFAULT_SETTINGS): Finding[] {
  const filePath = repo.write(relative, text);
  const workspace = new FileWorkspace({ roots: [repo.root], extraRoots: settings.files.readableFolders });
  const file = sourceFile(TextDocument.create(pathToUri(filePath), 'dockercompose', 1, text), 'compose', '1.35');
  workspace.setOpen(file);
  return composeSupport.validate(file, { settings, workspace }) as Finding[];
}

const notRead = (findings: Finding[]) => findings.filter((f) => f.code === 'FileNotRead').map((f) => `${f.range.start.line}: ${f.message}`);
const noSecret = (findings: Finding[]) => assert.ok(!JSON.stringify(findings).includes(SECRET), 'nothing from outside the workspace shows up');

test('the guard refuses devices, FIFOs (without blocking), symlinks out, oversized files; reads the rest', () => {
  const fifo = repo.fifo('guard/pipe.yaml');
  assert.match(JSON.stringify(readGuarded(fifo, policy)), /a FIFO \(named pipe\), not a regular file/);
  assert.match(JSON.stringify(readGuarded(repo.symlink('guard/zero.yaml', '/dev/zero'), policy)), /a character device/);
  assert.match(JSON.stringify(readGuarded('/dev/zero', policy)), /a character device/);
  assert.match(JSON.stringify(readGuarded('/etc/hostname', policy)), /outside the workspace/);
  assert.match(JSON.stringify(readGuarded(repo.symlink('guard/secret.env', path.join(repo.outside, 'secret.env')), policy)), /outside the workspace \(it resolves to .*outside\/secret.env\)/);
  fs.symlinkSync(repo.outside, path.join(repo.root, 'guard/out-dir'));
  assert.match(JSON.stringify(readGuarded(path.join(repo.root, 'guard/out-dir/secret.env'), policy)), /outside the workspace/);
  assert.match(JSON.stringify(readGuarded(repo.write('guard/big.yaml', 'x'.repeat(1024 * 1024 + 1)), policy)), /is 1\.0 MB; Shipshape reads files up to 1 MB/);
  assert.match(JSON.stringify(readGuarded(repo.symlink('guard/loop', path.join(repo.root, 'guard/loop')), policy)), /symlink loop/);
  assert.deepEqual(readGuarded(path.join(repo.root, 'guard/none'), policy), { ok: false, reason: 'missing', message: 'does not exist' });
  const inside = repo.write('guard/real.yaml', 'a: 1\n');
  assert.deepEqual(readGuarded(repo.symlink('guard/link.yaml', inside), policy), { ok: true, text: 'a: 1\n' });
  // A setting may widen the roots.
  assert.equal(readGuarded(path.join(repo.outside, 'secret.env'), { ...policy, roots: [repo.root, repo.outside] }).ok, true);
});

test('Compose include of /dev/zero and of a FIFO: refused at the include line, the rest still checked', () => {
  repo.fifo('inc/pipe.yaml');
  const findings = compose('inc/compose.yaml', 'include:\n  - /dev/zero\n  - pipe.yaml\n  - path: [../../outside/compose.yaml]\nservices:\n  web:\n    image: nginx\n    depends_on: [nope]\n');
  assert.deepEqual(notRead(findings), [
    '1: include "/dev/zero" is a character device, not a regular file; it was not read.',
    '2: include "pipe.yaml" is a FIFO (named pipe), not a regular file; it was not read.',
    '3: include "../../outside/compose.yaml" is outside the workspace; add its folder to shipshape.files.readableFolders to allow it; it was not read.',
  ]);
  assert.ok(
    findings.some((f) => f.code === 'UndefinedService'),
    'the file itself is still validated',
  );
  noSecret(findings);
});

test('a symlinked include to /dev/zero inside the tree: refused as a device', () => {
  repo.symlink('zinc/zero.yaml', '/dev/zero');
  assert.deepEqual(notRead(compose('zinc/compose.yaml', 'include: [zero.yaml]\nservices: {}\n')), ['0: include "zero.yaml" is a character device, not a regular file; it was not read.']);
});

test('extends.file, env_file and build.dockerfile that are FIFOs, devices or outside: refused where named', () => {
  repo.fifo('svc/base.yaml');
  repo.symlink('svc/app.env', '/dev/zero');
  repo.fifo('svc/Dockerfile.pipe');
  const findings = compose(
    'svc/compose.yaml',
    ['services:', '  web:', '    extends: { file: base.yaml, service: web }', '    env_file: [app.env, ../../outside/secret.env]', '    environment: [LEAKED]', '    build: { context: ., dockerfile: Dockerfile.pipe }', ''].join('\n'),
  );
  assert.deepEqual(notRead(findings), [
    '2: extends.file "base.yaml" is a FIFO (named pipe), not a regular file; it was not read.',
    '3: env_file "app.env" is a character device, not a regular file; it was not read.',
    '3: env_file "../../outside/secret.env" is outside the workspace; add its folder to shipshape.files.readableFolders to allow it; it was not read.',
    '5: build.dockerfile "Dockerfile.pipe" is a FIFO (named pipe), not a regular file; it was not read.',
  ]);
  assert.ok(!findings.some((f) => f.code === 'ExtendsNotFound'), 'a refused file is not called missing');
  noSecret(findings);
});

test('shipshape.files.readableFolders lets a folder outside be read', () => {
  const settings = normalizeSettings({ files: { readableFolders: [repo.outside] } });
  const findings = compose('wide/compose.yaml', 'services:\n  web:\n    image: nginx\n    env_file: [../../outside/secret.env]\n', settings);
  assert.deepEqual(notRead(findings), []);
});

test('.env as a FIFO, and COMPOSE_FILE in .env naming /dev/zero: refused, reported on the first line', () => {
  repo.fifo('dotenv/.env');
  assert.deepEqual(notRead(compose('dotenv/compose.yaml', 'services:\n  web:\n    image: nginx\n')), [
    `0: The project's .env (${path.join(repo.root, 'dotenv/.env')}) is a FIFO (named pipe), not a regular file: its variables were not used.`,
  ]);
  repo.write('cf/.env', 'COMPOSE_FILE=compose.yaml:zero.yaml\n');
  repo.symlink('cf/zero.yaml', '/dev/zero');
  assert.deepEqual(notRead(compose('cf/compose.yaml', 'services:\n  web:\n    image: nginx\n')), ['0: zero.yaml, named by COMPOSE_FILE, is a character device, not a regular file: it was not merged.']);
});

test('Dockerfile: a .dockerignore that is a FIFO or a link to /dev/zero is refused with one finding', async () => {
  for (const [dir, make] of [
    ['di-fifo', (p: string) => repo.fifo(p)],
    ['di-zero', (p: string) => repo.symlink(p, '/dev/zero')],
  ] as const) {
    make(`${dir}/.dockerignore`);
    const filePath = repo.write(`${dir}/Dockerfile`, 'FROM alpine\nCOPY . /app\n');
    const workspace = new FileWorkspace({ roots: [repo.root] });
    const file = sourceFile(TextDocument.create(pathToUri(filePath), 'dockerfile', 1, fs.readFileSync(filePath, 'utf8')), 'dockerfile', '1.35');
    const findings = await dockerfileSupport.validate(file, { settings: { ...DEFAULT_SETTINGS, dockerfile: { shellcheck: false } }, workspace });
    assert.deepEqual(
      notRead(findings).map((m) => m.replace(repo.root, '<repo>')),
      [`0: <repo>/${dir}/.dockerignore ${dir === 'di-fifo' ? 'is a FIFO (named pipe)' : 'is a character device'}, not a regular file: it was not read, so COPY/ADD were not checked against it.`],
    );
  }
});

test('the workspace index skips FIFOs, devices and links out of the tree, and says why', () => {
  const state = new ServerState();
  state.workspace.configure({ roots: [repo.root] });
  const fifo = repo.fifo('idx/watched.yaml');
  const zero = repo.symlink('idx/zero.yaml', '/dev/zero');
  const out = repo.symlink('idx/out.yaml', path.join(repo.outside, 'compose.yaml'));
  assert.match(indexFile(fifo, state) ?? '', /FIFO/);
  assert.match(indexFile(zero, state) ?? '', /character device/);
  assert.match(indexFile(out, state) ?? '', /outside the workspace/);
  assert.deepEqual([...state.workspace.files()], []);
});

test('CLI: the walk and lint read nothing outside the tree and no device or FIFO, and say so', async () => {
  repo.fifo('cli/pipe.yaml');
  repo.symlink('cli/zero.yaml', '/dev/zero');
  repo.symlink('cli/leak.yaml', path.join(repo.outside, 'compose.yaml'));
  repo.write('cli/ok.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n');
  const cwd = process.cwd();
  process.chdir(path.join(repo.root, 'cli'));
  try {
    const files = collectFiles(['.']);
    const report = await Promise.race([lint(files, {}), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lint hung')), 10_000))]);
    const byFile = Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.code} ${d.message}`)]));
    assert.deepEqual(byFile['ok.yaml'], []);
    assert.ok(!('pipe.yaml' in byFile), 'the walk passes a FIFO by');
    assert.match(String(byFile['zero.yaml']), /^FileNotRead Not read: this file is a character device/);
    assert.match(String(byFile['leak.yaml']), /^FileNotRead Not read: this file is outside the workspace/);
    assert.ok(!JSON.stringify(report).includes(SECRET.toLowerCase()));
  } finally {
    process.chdir(cwd);
  }
});
