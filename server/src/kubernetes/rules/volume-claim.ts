import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { asArray, getPath } from '../validation/pod-spec';
import { dns1123Subdomain } from '../validation/names';
import { statefulSetTemplateUnvalidated } from '../validation/pod-template';
import { minorOf } from '../schema/store';

function checkClaimSpec(ctx: KubeRuleContext, path: YamlPath, spec: Record<string, unknown>): void {
  const modes = asArray(spec.accessModes);
  if (modes.length === 0) ctx.report(path, `${path.join('.')}.accessModes: Required value: at least 1 access mode is required`, { part: 'key' });
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) ctx.report([...path, 'accessModes'], `${path.join('.')}.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes`, { part: 'key' });
  // VolumeAttributesClass is on by default from 1.34 (a 1.33 server drops the field).
  const vac = spec.volumeAttributesClassName;
  if (typeof vac === 'string' && vac && minorOf(ctx.version) >= 34) {
    const problem = dns1123Subdomain(vac);
    if (problem) ctx.report([...path, 'volumeAttributesClassName'], `${path.join('.')}.volumeAttributesClassName: Invalid value: "${vac}": ${problem}`);
  }
  const storage = getPath(spec, ['resources', 'requests', 'storage']);
  if (storage === undefined) ctx.report(isRecord(spec.resources) ? [...path, 'resources'] : path, `${path.join('.')}.resources[storage]: Required value`, { part: 'key' });
}

/** PersistentVolumeClaims (and StatefulSet claim templates): access modes and a storage request; PersistentVolumes: capacity and one source. */
export const volumeClaimRule: KubeRule = {
  id: 'KubeVolumeClaim',
  severity: 'error',
  doc: 'PersistentVolumeClaim without access modes or storage request; PersistentVolume without capacity or with zero or several volume sources.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    if (ctx.kind === 'PersistentVolumeClaim' && isRecord(ctx.value.spec)) checkClaimSpec(ctx, ['spec'], ctx.value.spec);
    if (ctx.kind === 'StatefulSet' && !statefulSetTemplateUnvalidated(ctx.kind, ctx.version)) {
      asArray(getPath(ctx.value, ['spec', 'volumeClaimTemplates'])).forEach((template, i) => {
        if (isRecord(template) && isRecord(template.spec)) checkClaimSpec(ctx, ['spec', 'volumeClaimTemplates', i, 'spec'], template.spec);
      });
    }
    if (ctx.kind === 'PersistentVolume' && isRecord(ctx.value.spec)) {
      const spec = ctx.value.spec;
      if (getPath(spec, ['capacity', 'storage']) === undefined) ctx.report(['spec'], 'spec.capacity: Required value', { part: 'key' });
      if (asArray(spec.accessModes).length === 0) ctx.report(['spec'], 'spec.accessModes: Required value', { part: 'key' });
      const NOT_SOURCES = new Set(['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName']);
      const sources = Object.keys(spec).filter((k) => !NOT_SOURCES.has(k) && spec[k] !== null && spec[k] !== undefined);
      if (sources.length === 0) ctx.report(['spec'], 'spec: Required value: must specify a volume type', { part: 'key' });
      if (sources.length > 1) ctx.report(['spec', sources[1]], `spec.${sources[1]}: Forbidden: may not specify more than 1 volume type`, { part: 'key' });
    }
  },
};
