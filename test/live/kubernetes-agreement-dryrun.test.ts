// client/src/kubernetes/dry-run.ts against the REAL kube-apiserver: the server's own errors and warnings
// come back as diagnostics on the line of the field they name (placed by the built language server, as in the extension).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ClusterConnection } from '../../client/src/kubernetes/cluster/connection';
import { dryRunManifest, parseFieldPath } from '../../client/src/kubernetes/dry-run';
import { languageServer } from './cluster-support';
import { kubeConfig } from './kubernetes-agreement-support';

const env = process.env;
const skip: string | false = (!env.KUBECONFIG || !env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT) && env.CI !== 'true' ? 'KUBECONFIG / SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT not set (run via scripts/test.sh, which starts test/infra/kube)' : false;

test('parseFieldPath reads the API server field paths', () => {
  assert.deepEqual(parseFieldPath('spec.template.spec.containers[0].resources.limits[gpu]'), ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'gpu']);
});

test('dry run reports rejections and warnings at the cause', { skip, timeout: 60_000 }, async (t) => {
  const kc = kubeConfig();
  const connection = new ClusterConnection(env.SHIPSHAPE_TEST_KUBE_ADMIN_CONTEXT!, kc, { allowPlugins: false });
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: dry',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: dry',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: dry',
    '    spec:',
    '      containers:',
    '      - name: c',
    '        image: nginx',
    '        ports:',
    '        - containerPort: 70000', // line 17
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: dry-strict',
    'spec:',
    '  containers:',
    '  - name: c',
    '    image: nginx',
    '    imagee: nginx', // line 27: unknown field (strict decoding)
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: dry-fine',
    'data:',
    '  a: b',
    '---',
    'apiVersion: example.com/v1',
    'kind: Nothing',
    'metadata:',
    '  name: x', // line 36 (apiVersion): no such kind
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: dry-warn',
    'spec:',
    '  nodeSelector:',
    '    beta.kubernetes.io/arch: amd64', // line 47: accepted with a deprecation warning
    '  containers:',
    '  - name: c',
    '    image: nginx',
  ].join('\n');
  const findings = await dryRunManifest(connection, await languageServer(t), text, 'default');
  const summary = findings.map((f) => `${f.severity}:${f.range.start.line}:${f.code}`);
  assert.deepEqual(summary, ['1:17:KubeDryRunRejected', '1:27:KubeDryRunRejected', '1:36:KubeDryRunRejected', '2:47:KubeDryRunWarning'], JSON.stringify(findings, null, 1));
  assert.match(findings[0].message, /containerPort/);
  assert.match(findings[1].message, /unknown field "spec.containers\[0\].imagee"/);
  assert.match(findings[3].message, /deprecated/);
});
