// Protected-context confirmation and Secret masking (client/src/kubernetes/actions/safety.ts): what the
// user must type before a destructive action, decided before any request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmationAccepts, confirmationFor, HIDDEN, isProtectedContext, maskSecret, revealSecretValue } from '../../../client/src/kubernetes/actions/safety';
import type { KubeObject } from '../../../client/src/kubernetes/resources/types';

test('protected contexts: exact names and `*` patterns; every other character is literal', () => {
  const patterns = ['prod', 'prod-*', '*-live', 'eu.prod'];
  for (const context of ['prod', 'prod-eu', 'prod-', 'shop-live', 'eu.prod']) assert.ok(isProtectedContext(context, patterns), context);
  // `.` is not "any character", and a pattern is anchored at both ends.
  for (const context of ['euXprod', 'preprod', 'production', 'shop-live-2', 'staging', '']) assert.ok(!isProtectedContext(context, patterns), context);
  assert.ok(!isProtectedContext('a(b', ['a(']));
  assert.ok(isProtectedContext('a(b)', ['a(*)']));
  assert.ok(isProtectedContext('anything', ['*']));
  assert.ok(!isProtectedContext('prod', []));
});

test('a protected context asks for its name typed; anything else a yes, or nothing when not destructive', () => {
  const typed = confirmationFor('delete', 'Deployment web', 'prod-eu', ['prod-*']);
  assert.deepEqual(typed, { kind: 'type-name', expected: 'prod-eu', message: '"prod-eu" is a protected context. Type its name to delete Deployment web.' });
  assert.ok(confirmationAccepts(typed, 'prod-eu'));
  for (const answer of [undefined, '', 'yes', 'PROD-EU', ' prod-eu', 'prod-*']) assert.ok(!confirmationAccepts(typed, answer), String(answer));

  const plain = confirmationFor('delete', 'Deployment web', 'kind-dev', ['prod-*']);
  assert.deepEqual(plain, { kind: 'confirm', message: 'Delete Deployment web in context "kind-dev"?' });
  assert.ok(confirmationAccepts(plain, 'Delete'));
  assert.ok(!confirmationAccepts(plain, undefined), 'dismissing the question refuses');

  const none = confirmationFor('scale', 'Deployment web', 'kind-dev', ['prod-*'], false);
  assert.deepEqual(none, { kind: 'none' });
  assert.ok(confirmationAccepts(none, undefined));
  // Not destructive, but protected: the name is still typed.
  assert.equal(confirmationFor('scale', 'Deployment web', 'prod-eu', ['prod-*'], false).kind, 'type-name');
});

test('a Secret is shown masked (keys kept, last-applied hidden, managedFields dropped); one value is decoded on request', () => {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db',
      namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}', team: 'payments' },
      managedFields: [{ manager: 'kubectl' }],
    },
    data: { password: Buffer.from('hunter2').toString('base64'), user: Buffer.from('app').toString('base64') },
    stringData: { note: 'plain' },
  } as KubeObject;
  const masked = maskSecret(secret);
  assert.deepEqual(masked.data, { password: HIDDEN, user: HIDDEN });
  assert.deepEqual(masked.stringData, { note: HIDDEN });
  assert.equal(masked.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], HIDDEN);
  assert.equal(masked.metadata.annotations?.team, 'payments');
  assert.equal(masked.metadata.managedFields, undefined);
  assert.ok(!JSON.stringify(masked).includes('aHVudGVyMg'));
  // The original is untouched: revealing reads it.
  assert.equal(revealSecretValue(secret, 'password'), 'hunter2');
  assert.throws(() => revealSecretValue(secret, 'token'), /Secret db has no key "token"/);
});
