import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';
import { kubernetesSupport as k8s } from '../../../server/src/kubernetes/index';
import { ENUMS } from '../../../server/src/kubernetes/schema/enums';
import { bundledVersions, schemasFor, type SchemaNode } from '../../../server/src/kubernetes/schema/store';

type Path = (string | number)[];

/** Completion labels at the `|` of a manifest. */
function completeAt(marked: string, version: string): string[] {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const file = sourceFile(TextDocument.create('file:///w/app.yaml', 'yaml', 1, text), 'kubernetes', version);
  const workspace = new FileWorkspace();
  workspace.setOpen(file);
  const items = k8s.completion!(file, file.document.positionAt(offset), { settings: DEFAULT_SETTINGS, workspace }) as CompletionItem[];
  return items.map((i) => i.label);
}

/** The manifest lines down to `path`, the cursor on its value (or on a new item of it, for a list). */
function manifestAt(apiVersion: string, kind: string, path: Path, list: boolean): string {
  const lines = [`apiVersion: ${apiVersion}`, `kind: ${kind}`];
  let indent = 0;
  let dash = false;
  path.forEach((segment, i) => {
    if (typeof segment === 'number') {
      dash = true;
      return;
    }
    const last = i === path.length - 1;
    lines.push(`${' '.repeat(indent)}${dash ? '- ' : ''}${segment}:${last && !list ? ' |' : ''}`);
    indent += dash ? 4 : 2;
    dash = false;
  });
  if (list) lines.push(`${' '.repeat(indent)}- |`);
  return lines.join('\n') + '\n';
}

/**
 * For each "Definition.field" of the enum table, the shortest document path to that field from a kind's
 * root (stable group versions first), breadth first over the bundled schema of one version.
 */
function fieldPaths(version: string): Map<string, { apiVersion: string; kind: string; path: Path; list: boolean }> {
  const schemas = schemasFor(version);
  const wanted = new Set(Object.keys(ENUMS).filter((k) => ENUMS[k].length));
  const found = new Map<string, { apiVersion: string; kind: string; path: Path; list: boolean }>();
  const stable = (gvk: string) => (/\/v\d+\/[^/]+$/.test(gvk) ? 0 : 1);
  const kinds = schemas.kinds().sort((a, b) => stable(a) - stable(b) || a.localeCompare(b));
  let queue = kinds.map((gvk) => ({ gvk, node: { $: schemas.kindDefinition(gvk.slice(0, gvk.lastIndexOf('/')), gvk.slice(gvk.lastIndexOf('/') + 1)) } as SchemaNode, path: [] as Path }));
  const seen = new Set<string>();
  for (let depth = 0; queue.length && depth < 14 && found.size < wanted.size; depth++) {
    const next: typeof queue = [];
    for (const { gvk, node, path } of queue) {
      const name = node.$;
      const resolved = name ? schemas.definition(name) : node;
      if (!resolved) continue;
      if (name) {
        if (seen.has(name)) continue;
        seen.add(name);
      }
      const short = name?.slice(name.lastIndexOf('.') + 1);
      for (const [field, child] of Object.entries(resolved.p ?? {})) {
        const key = `${short}.${field}`;
        if (short && wanted.has(key) && !found.has(key)) {
          const slash = gvk.lastIndexOf('/');
          found.set(key, { apiVersion: gvk.slice(0, slash), kind: gvk.slice(slash + 1), path: [...path, field], list: child.t === 'array' });
        }
        if (['metadata', 'status', 'managedFields'].includes(field)) continue;
        next.push({ gvk, node: child, path: [...path, field] });
      }
      if (resolved.i) next.push({ gvk, node: resolved.i, path: [...path, 0] });
      if (resolved.a) next.push({ gvk, node: resolved.a, path: [...path, 'k'] });
    }
    queue = next;
  }
  return found;
}

test('every enum Kubernetes validation enforces completes all its values, in every bundled version that has the field', () => {
  const failures: string[] = [];
  let checked = 0;
  for (const version of bundledVersions()) {
    const found = fieldPaths(version);
    for (const [key, { apiVersion, kind, path, list }] of found) {
      const offered = completeAt(manifestAt(apiVersion, kind, path, list), version);
      const missing = ENUMS[key].filter((v) => !offered.includes(v));
      checked++;
      if (missing.length) failures.push(`${version} ${key} (${kind} ${path.join('.')}${list ? '[]' : ''}): missing ${missing.join(', ')}; offered ${offered.slice(0, 8).join(', ') || 'nothing'}`);
    }
  }
  const newest = fieldPaths(bundledVersions()[0]);
  const absent = Object.keys(ENUMS).filter((k) => ENUMS[k].length && !newest.has(k));
  assert.deepEqual(absent, [], 'every enum of the table is a field of the newest bundled schema');
  assert.ok(checked > 100, `checked ${checked}`);
  assert.deepEqual(failures, []);
});

test('a CRD enum completes its values, on a field and on a list item', () => {
  const crd = [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    '  name: gadgets.example.com',
    'spec:',
    '  group: example.com',
    '  scope: Namespaced',
    '  names:',
    '    plural: gadgets',
    '    singular: gadget',
    '    kind: Gadget',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          spec:',
    '            type: object',
    '            properties:',
    '              size:',
    '                type: string',
    '                enum: [small, large]',
    '              modes:',
    '                type: array',
    '                items:',
    '                  type: string',
    '                  enum: [fast, safe]',
    '',
  ].join('\n');
  const workspace = new FileWorkspace();
  const crdFile = sourceFile(TextDocument.create('file:///w/crd.yaml', 'yaml', 1, crd), 'kubernetes', '1.36');
  workspace.setOpen(crdFile);
  const at = (marked: string) => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    const file = sourceFile(TextDocument.create('file:///w/g.yaml', 'yaml', 1, text), 'kubernetes', '1.36');
    workspace.setOpen(file);
    return (k8s.completion!(file, file.document.positionAt(offset), { settings: DEFAULT_SETTINGS, workspace }) as CompletionItem[]).map((i) => i.label);
  };
  assert.deepEqual(at('apiVersion: example.com/v1\nkind: Gadget\nspec:\n  size: |\n'), ['small', 'large']);
  assert.deepEqual(at('apiVersion: example.com/v1\nkind: Gadget\nspec:\n  modes:\n  - fast\n  - |\n'), ['fast', 'safe']);
});
