import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectKind } from '../../../server/src/core/detect';
import type { Finding } from '../../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile, type SourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kustomizeSupport } from '../../../server/src/kustomize';

const REPO = path.resolve(__dirname, '../../..');
const ARGO_CD = process.env.SHIPSHAPE_KUSTOMIZE ?? path.resolve(REPO, '../shared/charts-and-overlays/kustomize/argo-cd');

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kustomize-')));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    if (!name.endsWith('/')) fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function load(filePath: string, text = fs.readFileSync(filePath, 'utf8')): SourceFile {
  return sourceFile(TextDocument.create(pathToUri(filePath), 'yaml', 1, text), 'kustomization', '1.36');
}

function check(root: string, relative = 'kustomization.yaml'): { file: SourceFile; findings: Finding[]; ctx: { settings: typeof DEFAULT_SETTINGS; workspace: FileWorkspace } } {
  const ctx = { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace({ roots: [root] }) };
  const file = load(path.join(root, relative));
  return { file, findings: kustomizeSupport.validate(file, ctx) as Finding[], ctx };
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.range.start.line}:${f.code}`).sort();
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

describe('kustomization files', () => {
  it('are the three names kustomize reads', () => {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) assert.equal(detectKind(`/w/${name}`, 'resources: []\n')?.kind, 'kustomization', name);
  });

  it("flag keys kustomize's types do not have, at any depth, and values of the wrong type", () => {
    const root = tree({
      'kustomization.yaml': 'resources: deploy.yaml\nnamePrefx: a-\npatches:\n- path: p.yaml\n  target:\n    kind: Deployment\n    nme: web\nimages:\n- name: nginx\n  newTag: "1.27"\n',
      'p.yaml': DEPLOYMENT,
      'deploy.yaml': DEPLOYMENT,
    });
    assert.deepEqual(summary(check(root).findings), ['0:KustomizeFieldType', '1:KustomizeUnknownField', '6:KustomizeUnknownField']);
  });

  it('flag missing files and folders, folders without a kustomization, and cycles, on the entry', () => {
    const root = tree({
      'kustomization.yaml': 'resources:\n- missing.yaml\n- plain\n- a\n- https://github.com/org/repo//base?ref=v1\ncomponents:\n- gone\nconfigMapGenerator:\n- name: c\n  files:\n  - key=absent.txt\n',
      'plain/deploy.yaml': DEPLOYMENT,
      'a/kustomization.yaml': 'resources:\n- ../b\n',
      'b/kustomization.yaml': 'resources:\n- ../a\n',
    });
    assert.deepEqual(summary(check(root).findings), ['10:KustomizePathNotFound', '1:KustomizePathNotFound', '2:KustomizeNotAKustomization', '6:KustomizePathNotFound']);
    const cycle = check(root, 'a/kustomization.yaml').findings;
    assert.deepEqual(summary(cycle), ['1:KustomizeCycle']);
    assert.match(String(cycle[0].message), /\. → \.\.\/b → \./);
  });

  it("flag deprecated fields with a quick fix that rewrites them as 'kustomize edit fix' does", () => {
    const root = tree({
      'kustomization.yaml':
        '# overlay\nbases:\n- base\nresources:\n- extra.yaml\ncommonLabels:\n  app: web\npatchesStrategicMerge:\n- patch.yaml\n- |-\n  apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\npatchesJson6902:\n- target:\n    kind: Deployment\n    name: web\n  path: ops.yaml\nvars:\n- name: X\n  objref:\n    kind: Service\n    name: web\n    apiVersion: v1\n',
      'patch.yaml': DEPLOYMENT,
      'extra.yaml': DEPLOYMENT,
      'ops.yaml': '- op: remove\n  path: /spec/replicas\n',
      'base/kustomization.yaml': 'resources: []\n',
    });
    const { file, findings, ctx } = check(root);
    const deprecated = findings.filter((f) => f.code === 'KustomizeDeprecatedField');
    assert.deepEqual(summary(deprecated), ['14:KustomizeDeprecatedField', '19:KustomizeDeprecatedField', '1:KustomizeDeprecatedField', '5:KustomizeDeprecatedField', '7:KustomizeDeprecatedField']);
    assert.match(String(deprecated.at(-1)!.message), /'vars' is deprecated\. Please use 'replacements'/);
    const actions = kustomizeSupport.codeActions!(file, deprecated[0].range, deprecated, ctx);
    // One per fixable field, and one for all of them; vars has none.
    assert.equal(actions.length, 5);
    const all = actions.at(-1)!;
    const [edit] = all.edit!.changes![file.uri];
    assert.equal(
      edit.newText,
      '# overlay\nresources:\n  - extra.yaml\n  - base\nvars:\n  - name: X\n    objref:\n      kind: Service\n      name: web\n      apiVersion: v1\npatches:\n  - target:\n      kind: Deployment\n      name: web\n    path: ops.yaml\n  - path: patch.yaml\n  - patch: |-\n      apiVersion: v1\n      kind: Service\n      metadata:\n        name: web\nlabels:\n  - pairs:\n      app: web\n    includeSelectors: true\n',
    );
    // The rewritten file has nothing deprecated left but vars.
    const fixed = kustomizeSupport.validate(load(file.path, edit.newText), ctx) as Finding[];
    assert.deepEqual(
      fixed.map((f) => f.code),
      ['KustomizeDeprecatedField'],
    );
  });

  it('complete and explain the fields of the current kustomize API', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- a.yaml\npatches:\n- target:\n    \n', 'a.yaml': DEPLOYMENT });
    const file = load(path.join(root, 'kustomization.yaml'));
    const top = (kustomizeSupport.completion!(file, { line: 5, character: 0 }, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() }) as { label: string; tags?: number[] }[]).map((i) => i.label);
    for (const key of ['namePrefix', 'labels', 'replacements', 'helmCharts', 'sortOptions', 'buildMetadata', 'components']) assert.ok(top.includes(key), key);
    assert.ok(!top.includes('resources'), 'present keys are not offered again');
    const target = (kustomizeSupport.completion!(file, { line: 4, character: 4 }, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() }) as { label: string }[]).map((i) => i.label);
    assert.deepEqual(target, ['group', 'version', 'kind', 'name', 'namespace', 'annotationSelector', 'labelSelector']);
    const hover = kustomizeSupport.hover!(file, { line: 2, character: 2 }, { settings: DEFAULT_SETTINGS, workspace: new FileWorkspace() });
    assert.match(String((hover?.contents as { value?: string } | undefined)?.value), /\*\*patches\*\* \(list of Patch\)\n\nPatches is a list of patches/);
  });

  it('link each entry to its file, or a folder to its kustomization, for go to definition too', () => {
    const root = tree({ 'kustomization.yaml': 'resources:\n- base\n- a.yaml\n- missing.yaml\n', 'a.yaml': DEPLOYMENT, 'base/kustomization.yml': 'resources: []\n' });
    const { file, ctx } = check(root);
    const links = kustomizeSupport.documentLinks!(file, ctx);
    assert.deepEqual(
      links.map((l) => [l.range.start.line, l.target]),
      [
        [1, pathToUri(path.join(root, 'base/kustomization.yml'))],
        [2, pathToUri(path.join(root, 'a.yaml'))],
      ],
    );
    assert.equal(kustomizeSupport.definition!(file, { line: 1, character: 3 }, ctx)?.[0].uri, pathToUri(path.join(root, 'base/kustomization.yml')));
    assert.equal(kustomizeSupport.definition!(file, { line: 3, character: 3 }, ctx), null);
  });

  it("report nothing on argo-cd's 32 kustomizations", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(path.join(dir, entry.name));
        else if (entry.name === 'kustomization.yaml') files.push(path.join(dir, entry.name));
      }
    };
    walk(ARGO_CD);
    assert.equal(files.length, 32);
    for (const file of files) assert.deepEqual(summary(check(path.dirname(file)).findings), [], file);
  });
});
