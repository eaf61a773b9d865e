import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closest, editDistance } from '../../../server/src/core/suggest';

test('editDistance is Levenshtein', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('closest ignores case, scales its limit with the word, and says nothing when nothing is near', () => {
  assert.equal(closest('databse', ['web', 'database', 'cache']), 'database');
  assert.equal(closest('ContainerPort', ['containerPort', 'hostPort']), 'containerPort');
  assert.equal(closest('imagePullPolicyy', ['imagePullPolicy', 'image']), 'imagePullPolicy');
  assert.equal(closest('xyz', ['database', 'cache']), undefined);
  assert.equal(closest('restartPolcy', ['restartPolicy', 'readinessProbe']), 'restartPolicy');
});
