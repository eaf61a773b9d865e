import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, test } from 'node:test';
import { walkCandidates } from '../../../server/src/core/walk';
import { WorkspaceFilter } from '../../../server/src/core/workspace-filter';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-filter-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function write(relative: string, text = 'apiVersion: v1\nkind: Pod\n'): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

write('.gitignore', 'build/\n*.tmp.yaml\n/rooted.yaml\n');
write('app/.gitignore', '!keep.tmp.yaml\nlocal.yaml\n');
write('app/deploy.yaml');
write('app/keep.tmp.yaml');
write('app/drop.tmp.yaml');
write('app/local.yaml');
write('app/rooted.yaml');
write('rooted.yaml');
write('build/out.yaml');
write('app/build/out.yaml');
write('app/build.yaml');
write('generated/a.yaml');
write('Dockerfile', 'FROM alpine\n');

const walked = (filter: WorkspaceFilter) => [...walkCandidates(root, { skip: (p, dir) => filter.excludes(p, dir) !== undefined })].map((p) => path.relative(root, p)).sort();

test('nested .gitignore files: each relative to its folder, deeper rules win, ! re-includes, dir-only rules', () => {
  const filter = new WorkspaceFilter(root, undefined);
  assert.deepEqual(walked(filter), ['Dockerfile', 'app/build.yaml', 'app/deploy.yaml', 'app/keep.tmp.yaml', 'app/rooted.yaml', 'generated/a.yaml']);
  assert.equal(filter.covers(path.join(root, 'app/build/out.yaml')), '.gitignore');
  assert.equal(filter.covers(path.join(root, 'app/local.yaml')), '.gitignore');
  assert.equal(filter.covers(path.join(root, 'app/deploy.yaml')), undefined);
});

test('files.exclude globs are relative to the folder and prune whole folders', () => {
  const filter = new WorkspaceFilter(root, { generated: true, '**/Dockerfile': true });
  assert.deepEqual(walked(filter), ['app/build.yaml', 'app/deploy.yaml', 'app/keep.tmp.yaml', 'app/rooted.yaml']);
  assert.equal(filter.covers(path.join(root, 'generated/a.yaml')), 'files.exclude');
  assert.equal(filter.covers(path.join(os.tmpdir(), 'elsewhere.yaml')), undefined);
});

test('a changed .gitignore is read again after forget()', () => {
  const filter = new WorkspaceFilter(root, undefined);
  assert.equal(filter.covers(path.join(root, 'app/deploy.yaml')), undefined);
  write('app/.gitignore', 'deploy.yaml\n');
  assert.equal(filter.covers(path.join(root, 'app/deploy.yaml')), undefined, 'cached until forgotten');
  filter.forget(path.join(root, 'app'));
  assert.equal(filter.covers(path.join(root, 'app/deploy.yaml')), '.gitignore');
});

test('a .gitignore that is a FIFO is logged and not applied, never read', { skip: process.platform === 'win32' }, () => {
  const dir = path.join(root, 'fifo');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'x.yaml'), 'a: 1\n');
  execFileSync('mkfifo', [path.join(dir, '.gitignore')]);
  const logged: string[] = [];
  const filter = new WorkspaceFilter(root, undefined, (m) => logged.push(m));
  assert.equal(filter.covers(path.join(dir, 'x.yaml')), undefined);
  assert.match(logged.join('\n'), /fifo\/\.gitignore is a FIFO/);
});
