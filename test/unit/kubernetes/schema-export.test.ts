import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportKubernetesSchema } from '../../../server/src/cli/schema';
import { bundledVersions, schemasFor } from '../../../server/src/kubernetes/schema/store';

describe('bundled Kubernetes schemas', () => {
  it('bundles at least the four newest minors, newest first', () => {
    const versions = bundledVersions();
    assert.ok(versions.length >= 4);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1])),
    );
  });

  it('serves removed and added kinds per version', () => {
    assert.ok(schemasFor('1.36').kindDefinition('apps/v1', 'Deployment'));
    assert.equal(schemasFor('1.36').kindDefinition('batch/v1beta1', 'CronJob'), undefined);
    assert.equal(schemasFor('1.33').kindDefinition('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'), undefined);
  });

  it('exports strict JSON Schema with descriptions and int-or-string', () => {
    const schema = exportKubernetesSchema('1.34') as { definitions: Record<string, { additionalProperties?: unknown; properties?: Record<string, { description?: string }> }>; allOf: unknown[] };
    const container = schema.definitions['io.k8s.api.core.v1.Container'];
    assert.equal(container.additionalProperties, false);
    assert.match(container.properties!.image.description!, /Container image name/);
    assert.deepEqual((schema.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] as { oneOf: unknown }).oneOf, [{ type: 'string' }, { type: 'integer' }]);
    assert.ok(schema.allOf.length > 50);
  });
});
