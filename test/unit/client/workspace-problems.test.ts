import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workspaceProblemsText } from '../../../client/src/language/workspace-problems';

test('workspace problems item: hidden when off, spinning while checking, the count after', () => {
  assert.equal(workspaceProblemsText(undefined), undefined);
  assert.equal(workspaceProblemsText({ state: 'off', checked: 0, problems: 0, files: 0 }), undefined);
  const checking = workspaceProblemsText({ state: 'checking', checked: 1200, problems: 3, files: 1 });
  assert.equal(checking?.text, '$(sync~spin) 3');
  assert.match(checking?.tooltip ?? '', /checking the workspace: 1,200 files so far, 3 problems in 1 file\./);
  const done = workspaceProblemsText({ state: 'done', checked: 5000, problems: 12, files: 4 });
  assert.equal(done?.text, '$(warning) 12');
  assert.match(done?.tooltip ?? '', /checked 5,000 files of the workspace: 12 problems in 4 files/);
  assert.equal(workspaceProblemsText({ state: 'done', checked: 1, problems: 0, files: 0 })?.text, '$(pass) 0');
});
