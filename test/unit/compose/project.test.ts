import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/compose/analysis';
import { projectFiles } from '../../../server/src/compose/project';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/core/settings';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { validateText } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-compose-project-'));
const write = (name: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('project files: -f list from settings, COMPOSE_FILE, then compose.yaml + override', () => {
  const main = write('p/compose.yaml', 'services: {}\n');
  const override = write('p/compose.override.yaml', 'services: {}\n');
  const prod = write('p/prod.yaml', 'services: {}\n');
  const ws = new FileWorkspace();
  assert.deepEqual(projectFiles(main, DEFAULT_SETTINGS, ws, {}), { files: [main, override], source: 'default' });
  assert.deepEqual(projectFiles(override, DEFAULT_SETTINGS, ws, {}), { files: [main, override], source: 'default' });
  assert.deepEqual(projectFiles(prod, DEFAULT_SETTINGS, ws, { COMPOSE_FILE: `compose.yaml${path.delimiter}prod.yaml` }), { files: [main, prod], source: 'COMPOSE_FILE' });
  const settings = normalizeSettings({ compose: { files: ['compose.yaml', 'prod.yaml'] } });
  assert.deepEqual(projectFiles(main, settings, ws, {}), { files: [main, prod], source: 'settings' });
  assert.deepEqual(projectFiles(prod, DEFAULT_SETTINGS, ws, {}), { files: [prod], source: 'single' });
});

test('-f list from settings: a volume declared in the second file satisfies the first', () => {
  const main = write('f/compose.yaml', 'services:\n  web:\n    image: nginx\n    volumes: [cache:/cache]\n');
  write('f/prod.yaml', 'volumes:\n  cache: {}\n');
  const text = fs.readFileSync(main, 'utf8');
  assert.deepEqual(
    validateText(main, text).map((f) => f.code),
    ['UndefinedVolume'],
  );
  const settings = normalizeSettings({ compose: { files: ['compose.yaml', 'prod.yaml'] } });
  assert.deepEqual(validateText(main, text, settings), []);
});

test('COMPOSE_FILE set in .env chooses the files, as docker compose does', () => {
  const main = write('e/compose.yaml', 'services:\n  web:\n    image: nginx\n    volumes: [cache:/cache]\n');
  write('e/prod.yaml', 'volumes:\n  cache: {}\n');
  const text = fs.readFileSync(main, 'utf8');
  assert.deepEqual(
    validateText(main, text).map((f) => f.code),
    ['UndefinedVolume'],
  );
  write('e/.env', `COMPOSE_FILE=compose.yaml${path.delimiter}prod.yaml\n`);
  assert.deepEqual(validateText(main, text), []);
});

test('include: services of included files can be depended on; a missing include target is not guessed at', () => {
  write('i/other/compose.yaml', 'services:\n  db:\n    image: postgres\n');
  const main = write('i/compose.yaml', 'include:\n  - other/compose.yaml\nservices:\n  web:\n    image: nginx\n    depends_on: [db, nope]\n');
  const findings = validateText(main, fs.readFileSync(main, 'utf8'));
  assert.deepEqual(
    findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
    [['UndefinedService', 5, 21]],
  );
});

test('merge: the override replaces command, merges environment as a map and adds ports', () => {
  const main = write('m/compose.yaml', 'services:\n  web:\n    image: nginx\n    command: ["a"]\n    environment: [A=1, B=2]\n    ports: ["80:80"]\n');
  write('m/compose.override.yaml', 'services:\n  web:\n    command: ["b"]\n    environment:\n      B: "3"\n    ports: ["443:443"]\n');
  const ws = new FileWorkspace({ roots: [dir] });
  const text = fs.readFileSync(main, 'utf8');
  const { project } = analyze(sourceFile(TextDocument.create(pathToUri(main), 'dockercompose', 1, text), 'compose', '1.35'), DEFAULT_SETTINGS, ws);
  assert.deepEqual(project.merged.services, { web: { image: 'nginx', command: ['b'], environment: { A: '1', B: '3' }, ports: ['80:80', '443:443'] } });
  assert.deepEqual(project.origins.get('services.web.environment'), [main, path.join(dir, 'm/compose.override.yaml')]);
});
