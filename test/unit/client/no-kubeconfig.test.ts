// A machine with no cluster set up: the errors a user meets say so and what to do, never
// `context "" is not defined in /root/.kube/config` about a file that does not exist.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { configForContext, loadKubeconfigs } from '../../../client/src/kubernetes/cluster/kubeconfig';

test('no kubeconfig at all: the error names the files read and how to add one', () => {
  const missing = path.join(os.tmpdir(), `shipshape-no-kubeconfig-${process.pid}`);
  const loaded = loadKubeconfigs([missing]);
  assert.throws(
    () => configForContext(loaded, loaded.config.getCurrentContext()),
    (e: Error) => {
      assert.match(e.message, /^no Kubernetes cluster is set up: no kubeconfig file defines a context/);
      assert.ok(e.message.includes(`${missing} (file not found)`), e.message);
      assert.match(e.message, /Add Kubeconfig File…/);
      assert.doesNotMatch(e.message, /context "" is not defined/);
      return true;
    },
  );
});
