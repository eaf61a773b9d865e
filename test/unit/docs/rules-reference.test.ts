import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { RULES_REFERENCE } from '../../../server/src/core/rule-docs';
import { RULES } from '../../../server/src/dockerfile/rules';
import { createRegistry } from '../../../server/src/languages';
import { RULES_FILE, rulesReference } from '../../../scripts/rules-reference';

test('docs/RULES.md is what scripts/rules-reference.ts writes from the rules (run `npm run docs:rules`)', () => {
  assert.equal(fs.readFileSync(RULES_FILE, 'utf8'), rulesReference());
});

test('docs/RULES.md has an entry for every rule the registry knows', () => {
  const headings = new Set([...fs.readFileSync(RULES_FILE, 'utf8').matchAll(/^### (\S+)$/gm)].map((m) => m[1]));
  const registry = createRegistry();
  assert.deepEqual(
    registry.rules.map((r) => r.id).filter((id) => !headings.has(id)),
    [],
  );
  assert.equal(headings.size, registry.rules.length);
});

test("BuildKit's checks link to Docker's page named after the check; the other Dockerfile rules to docs/RULES.md", () => {
  const kebab = (id: string) =>
    id
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .toLowerCase();
  for (const info of RULES) {
    if (info.buildkit) assert.equal(info.url, `https://docs.docker.com/reference/build-checks/${kebab(info.id)}/`, info.id);
    else assert.equal(info.url, undefined, info.id);
  }
  assert.equal(kebab('JSONArgsRecommended'), 'json-args-recommended');
});

test('every finding links its code to its documentation', async () => {
  const registry = createRegistry();
  const workspace = new FileWorkspace();
  const ctx = { settings: DEFAULT_SETTINGS, workspace };
  const check = async (path: string, kind: 'dockerfile' | 'compose' | 'kubernetes', text: string) => {
    const file = sourceFile(TextDocument.create(pathToUri(path), kind, 1, text), kind, '1.35');
    workspace.setOpen(file);
    return Object.fromEntries((await registry.validate(file, ctx)).map((f) => [f.code, f.codeDescription?.href]));
  };
  const dockerfile = await check('/ws/Dockerfile', 'dockerfile', 'FROM alpine:latest as build\nRUN cd /src\n');
  assert.equal(dockerfile.FromAsCasing, 'https://docs.docker.com/reference/build-checks/from-as-casing/');
  assert.equal(dockerfile.RunCd, `${RULES_REFERENCE}#runcd`);
  const compose = await check('/ws/compose.yaml', 'compose', 'services:\n  web:\n    image: nginx\n    depends_on: [db]\n');
  assert.equal(compose.UndefinedService, `${RULES_REFERENCE}#undefinedservice`);
  const manifest = await check('/ws/pod.yaml', 'kubernetes', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers: []\n');
  const codes = Object.keys(manifest);
  assert.ok(codes.length > 0);
  for (const code of codes) assert.equal(manifest[code], `${RULES_REFERENCE}#${code.toLowerCase()}`, code);
});
