import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { composeSupport } from '../../../server/src/compose/index';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';

const STACK = '/ws/docker-stack.yml';

function open(marked: string, filePath: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const file = sourceFile(TextDocument.create(pathToUri(filePath), 'dockercompose', 1, text), 'compose', '1.35');
  const workspace = new FileWorkspace();
  workspace.setOpen(file);
  return { file, position: file.document.positionAt(offset), ctx: { settings: DEFAULT_SETTINGS, workspace } };
}

function completeAt(marked: string, filePath: string): string[] {
  const { file, position, ctx } = open(marked, filePath);
  const result = composeSupport.completion!(file, position, ctx);
  const items: CompletionItem[] = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((i) => i.label).sort();
}

function hoverAt(marked: string, filePath = STACK): string {
  const { file, position, ctx } = open(marked, filePath);
  const hover = composeSupport.hover!(file, position, ctx);
  return (hover?.contents as MarkupContent | undefined)?.value ?? '';
}

test("stack completion: the swarm's enums for deploy, from docker/cli's schema", () => {
  assert.deepEqual(completeAt('services:\n  web:\n    deploy:\n      mode: |\n', STACK), ['global', 'global-job', 'replicated', 'replicated-job']);
  assert.deepEqual(completeAt('services:\n  web:\n    deploy:\n      endpoint_mode: |\n', STACK), ['dnsrr', 'vip']);
  assert.deepEqual(completeAt('services:\n  web:\n    deploy:\n      restart_policy:\n        condition: |\n', STACK), ['any', 'none', 'on-failure']);
  assert.deepEqual(completeAt('services:\n  web:\n    deploy:\n      update_config:\n        failure_action: |\n', STACK), ['continue', 'pause', 'rollback']);
  assert.deepEqual(completeAt('services:\n  web:\n    deploy:\n      update_config:\n        order: |\n', STACK), ['start-first', 'stop-first']);
  assert.deepEqual(completeAt('configs:\n  c:\n    template_driver: |\n', STACK), ['golang']);
  const placement = completeAt('services:\n  web:\n    deploy:\n      placement:\n        |\n', STACK);
  assert.deepEqual(placement, ['constraints', 'max_replicas_per_node', 'preferences']);
});

test("stack completion offers only what docker stack deploy accepts; a Compose file keeps compose-go's keys", () => {
  const stack = completeAt('services:\n  web:\n    image: x\n    |\n', STACK);
  assert.ok(stack.includes('deploy'));
  assert.ok(!stack.includes('pull_policy') && !stack.includes('profiles') && !stack.includes('mem_limit'), stack.join());
  const compose = completeAt('services:\n  web:\n    image: x\n    |\n', '/ws/compose.yaml');
  assert.ok(compose.includes('pull_policy') && compose.includes('profiles'));
});

test('stack hover explains deploy keys, placement syntax and interpolation without .env', () => {
  assert.match(hoverAt('services:\n  web:\n    deploy:\n      placement:\n        constr|aints: []\n'), /node\.role == manager/);
  assert.match(hoverAt('services:\n  web:\n    deploy:\n      restart_policy:\n        condi|tion: any\n'), /unless-stopped/);
  assert.match(hoverAt('services:\n  web:\n    deploy:\n      update_config:\n        del|ay: 10s\n'), /Go duration/);
  assert.match(hoverAt('services:\n  web:\n    image: ${SHIPSHAPE_STACK_HOVER_U|NSET}\n'), /reads no \.env file/);
  assert.doesNotMatch(hoverAt('services:\n  web:\n    image: ${SHIPSHAPE_STACK_HOVER_U|NSET}\n', '/ws/compose.yaml'), /reads no \.env/);
});
