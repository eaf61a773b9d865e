import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { asArray, containersOf, podSpecOf } from './pod-spec';

/** A name one object uses to point at another: ConfigMap, Secret, PVC, Service account. */
export interface Reference {
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  name: string;
  path: YamlPath;
  optional: boolean;
}

/** References from a pod spec (env, envFrom, volumes, projected sources, imagePullSecrets). */
export function referencesOf(kind: string, value: Record<string, unknown>): Reference[] {
  const pod = podSpecOf(kind, value);
  if (!pod) return [];
  const out: Reference[] = [];
  const add = (k: Reference['kind'], name: unknown, path: YamlPath, optional: unknown) => {
    if (typeof name === 'string' && name) out.push({ kind: k, name, path, optional: optional === true });
  };
  for (const c of containersOf(pod)) {
    asArray(c.container.env).forEach((env, i) => {
      const from = isRecord(env) && isRecord(env.valueFrom) ? env.valueFrom : undefined;
      if (!from) return;
      if (isRecord(from.configMapKeyRef)) add('ConfigMap', from.configMapKeyRef.name, [...c.path, 'env', i, 'valueFrom', 'configMapKeyRef', 'name'], from.configMapKeyRef.optional);
      if (isRecord(from.secretKeyRef)) add('Secret', from.secretKeyRef.name, [...c.path, 'env', i, 'valueFrom', 'secretKeyRef', 'name'], from.secretKeyRef.optional);
    });
    asArray(c.container.envFrom).forEach((source, i) => {
      if (!isRecord(source)) return;
      if (isRecord(source.configMapRef)) add('ConfigMap', source.configMapRef.name, [...c.path, 'envFrom', i, 'configMapRef', 'name'], source.configMapRef.optional);
      if (isRecord(source.secretRef)) add('Secret', source.secretRef.name, [...c.path, 'envFrom', i, 'secretRef', 'name'], source.secretRef.optional);
    });
  }
  asArray(pod.spec.volumes).forEach((volume, i) => {
    if (!isRecord(volume)) return;
    const at = [...pod.path, 'volumes', i];
    if (isRecord(volume.configMap)) add('ConfigMap', volume.configMap.name, [...at, 'configMap', 'name'], volume.configMap.optional);
    if (isRecord(volume.secret)) add('Secret', volume.secret.secretName, [...at, 'secret', 'secretName'], volume.secret.optional);
    if (isRecord(volume.persistentVolumeClaim)) add('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName, [...at, 'persistentVolumeClaim', 'claimName'], false);
    if (isRecord(volume.projected)) {
      asArray(volume.projected.sources).forEach((source, j) => {
        if (!isRecord(source)) return;
        if (isRecord(source.configMap)) add('ConfigMap', source.configMap.name, [...at, 'projected', 'sources', j, 'configMap', 'name'], source.configMap.optional);
        if (isRecord(source.secret)) add('Secret', source.secret.name, [...at, 'projected', 'sources', j, 'secret', 'name'], source.secret.optional);
      });
    }
  });
  asArray(pod.spec.imagePullSecrets).forEach((secret, i) => {
    if (isRecord(secret)) add('Secret', secret.name, [...pod.path, 'imagePullSecrets', i, 'name'], true);
  });
  return out;
}
