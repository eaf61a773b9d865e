import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { POD_SPEC_KINDS, asArray, containersOf, getPath } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

/** volumeMounts and volumeDevices must name a declared volume; mountPath required; subPath relative without '..'. */
export const volumeMountRule: KubeRule = {
  id: 'KubeVolumeMount',
  severity: 'error',
  doc: 'A volumeMount names no declared volume, or has an empty mountPath or an absolute / ".." subPath.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    const volumes = new Set(
      asArray(pod.spec.volumes)
        .map((v) => (isRecord(v) ? v.name : undefined))
        .filter((n): n is string => typeof n === 'string'),
    );
    // A StatefulSet's volumeClaimTemplates become volumes of its pods.
    if (ctx.kind === 'StatefulSet') {
      for (const template of asArray(getPath(ctx.value, ['spec', 'volumeClaimTemplates']))) {
        const name = getPath(template, ['metadata', 'name']);
        if (typeof name === 'string') volumes.add(name);
      }
    }
    for (const c of containersOf(pod)) {
      asArray(c.container.volumeMounts).forEach((mount, i) => {
        if (!isRecord(mount)) return;
        const path = [...c.path, 'volumeMounts', i];
        if (typeof mount.name === 'string' && mount.name && !volumes.has(mount.name)) {
          ctx.report([...path, 'name'], `${c.group}[${path[path.length - 3]}].volumeMounts[${i}].name: Not found: "${mount.name}" (no volume of that name in spec.volumes)`);
        }
        if (mount.mountPath === undefined || mount.mountPath === '') ctx.report(path, `volumeMounts[${i}].mountPath: Required value`);
        for (const key of ['subPath', 'subPathExpr'] as const) {
          const sub = mount[key];
          if (typeof sub !== 'string' || !sub) continue;
          if (sub.startsWith('/')) ctx.report([...path, key], `volumeMounts[${i}].${key}: Invalid value: "${sub}": must be a relative path`);
          else if (sub.split('/').includes('..')) ctx.report([...path, key], `volumeMounts[${i}].${key}: Invalid value: "${sub}": must not contain '..'`);
        }
        if (mount.subPath && mount.subPathExpr) ctx.report([...path, 'subPathExpr'], `volumeMounts[${i}].subPathExpr: Invalid value: subPathExpr and subPath are mutually exclusive`);
      });
      asArray(c.container.volumeDevices).forEach((device, i) => {
        if (isRecord(device) && typeof device.name === 'string' && !volumes.has(device.name)) {
          ctx.report([...c.path, 'volumeDevices', i, 'name'], `volumeDevices[${i}].name: Not found: "${device.name}"`);
        }
      });
    }
  },
};
