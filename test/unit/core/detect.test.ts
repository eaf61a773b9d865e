import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectKind, isCandidatePath } from '../../../server/src/core/detect';

const chartAt =
  (...dirs: string[]) =>
  (dir: string) =>
    dirs.includes(dir);

test('Dockerfile name patterns', () => {
  for (const name of ['Dockerfile', 'dockerfile', 'Containerfile', 'Dockerfile.dev', 'api.dockerfile', 'x/Dockerfile.prod']) {
    assert.equal(detectKind(`/w/${name}`, 'FROM x')?.kind, 'dockerfile', name);
  }
  assert.equal(detectKind('/w/Dockerfiles.md', 'FROM x'), undefined);
  assert.equal(detectKind('/w/notes.txt', 'FROM x'), undefined);
});

test('Compose name patterns', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'docker-compose.prod.yml', 'compose.dev.yaml']) {
    assert.equal(detectKind(`/w/${name}`, 'services: {}')?.kind, 'compose', name);
  }
  assert.equal(detectKind('/w/my-compose.yaml', 'services: {}')?.kind, 'yaml');
});

test('a Kubernetes manifest with a Compose-like name is a manifest (Compose has no top-level apiVersion or kind)', () => {
  assert.equal(detectKind('/w/compose.k8s.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n')?.kind, 'kubernetes');
  assert.equal(detectKind('/w/docker-compose.deployment.yml', '---\napiVersion: v1\nkind: Service\n')?.kind, 'kubernetes');
  assert.equal(detectKind('/w/compose.yaml', 'services:\n  web:\n    labels:\n      apiVersion: v1\n      kind: x\n')?.kind, 'compose');
});

test('Kubernetes by content, any YAML name', () => {
  assert.equal(detectKind('/w/app.yaml', 'apiVersion: v1\nkind: Pod\n')?.kind, 'kubernetes');
  assert.equal(detectKind('/w/app.yml', '# c\n---\napiVersion: apps/v1\nkind: Deployment\n')?.kind, 'kubernetes');
  assert.equal(detectKind('/w/app.yaml', 'apiVersion: v1\n')?.kind, 'yaml');
  assert.equal(detectKind('/w/app.yaml', 'spec:\n  apiVersion: v1\n  kind: Pod\n')?.kind, 'yaml');
});

test('Kustomization and Helm chart files', () => {
  assert.equal(detectKind('/w/kustomization.yaml', 'resources: []')?.kind, 'kustomization');
  assert.equal(detectKind('/c/Chart.yaml', 'apiVersion: v2\nname: c\n')?.kind, 'helm-chart');
  assert.equal(detectKind('/c/values.yaml', 'replicas: 1', chartAt('/c'))?.kind, 'helm-values');
  assert.equal(detectKind('/other/values.yaml', 'replicas: 1', chartAt('/c'))?.kind, 'yaml');
  assert.equal(detectKind('/c/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n', chartAt('/c'))?.kind, 'helm-template');
  assert.equal(detectKind('/c/templates/sub/x.yaml', 'apiVersion: v1\nkind: Pod\n', chartAt('/c'))?.kind, 'helm-template');
  assert.equal(detectKind('/nochart/templates/x.yaml', 'apiVersion: v1\nkind: Pod\n', chartAt('/c'))?.kind, 'kubernetes');
  // Partials are templates too; a .tpl elsewhere is no file of ours.
  assert.equal(detectKind('/c/templates/_helpers.tpl', '{{- define "x" }}{{ end }}', chartAt('/c'))?.kind, 'helm-template');
  assert.equal(detectKind('/c/templates/a/_more.tpl', '', chartAt('/c'))?.kind, 'helm-template');
  assert.equal(detectKind('/nochart/templates/_helpers.tpl', '', chartAt('/c')), undefined);
  assert.equal(detectKind('/c/notes.tpl', '', chartAt('/c')), undefined);
  assert.equal(isCandidatePath('/c/templates/_helpers.tpl'), true);
  assert.equal(isCandidatePath('/c/x.tpl'), false);
  // The other values files of a chart, for `helm -f`.
  assert.equal(detectKind('/c/values-prod.yaml', 'replicas: 1', chartAt('/c'))?.kind, 'helm-values');
  assert.equal(detectKind('/c/values.dev.yml', 'replicas: 1', chartAt('/c'))?.kind, 'helm-values');
  assert.equal(detectKind('/other/values-prod.yaml', 'replicas: 1', chartAt('/c'))?.kind, 'yaml');
});

test('modeline forces kind and version', () => {
  assert.deepEqual(detectKind('/w/anything.txt', '# shipshape: kind=kubernetes version=1.33\napiVersion: v1\n'), { kind: 'kubernetes', kubernetesVersion: '1.33' });
  assert.deepEqual(detectKind('/w/stack.yaml', '# shipshape: kind=compose\nservices: {}\n'), { kind: 'compose', kubernetesVersion: undefined });
  assert.deepEqual(detectKind('/w/app.yaml', '# shipshape: version=v1.32\napiVersion: v1\nkind: Pod\n'), { kind: 'kubernetes', kubernetesVersion: '1.32' });
  assert.equal(detectKind('/w/app.yaml', '# shipshape: kind=bogus\nservices: {}\n')?.kind, 'yaml');
});
