import type { YamlPath } from '../../yaml/parse';
import type { KubeRule, KubeRuleContext } from '../rule';
import { isRecord } from '../model/documents';
import { POD_SPEC_KINDS, asArray, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

function duplicates(ctx: KubeRuleContext, items: { path: YamlPath; name: unknown }[], what: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.name !== 'string' || !item.name) continue;
    if (seen.has(item.name))
      ctx.report(
        item.path,
        `${item.path
          .map((s) => (typeof s === 'number' ? `[${s}]` : s))
          .join('.')
          .replace(/\.\[/g, '[')}: Duplicate value: "${item.name}" (${what} names must be unique)`,
      );
    seen.add(item.name);
  }
}

/** Names that must be unique: containers (all kinds of them together), volumes, ports per container, mount paths, Service ports. */
export const duplicateNameRule: KubeRule = {
  id: 'KubeDuplicateName',
  severity: 'error',
  doc: 'Duplicate container, volume, port or mount path within one pod or Service.',
  appliesTo: { objects: 'built-in', kinds: [...POD_SPEC_KINDS, 'Service'] },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (pod) {
      const containers = containersOf(pod);
      duplicates(
        ctx,
        containers.map((c) => ({ path: [...c.path, 'name'], name: c.container.name })),
        'container',
      );
      duplicates(
        ctx,
        asArray(pod.spec.volumes).map((v, i) => ({ path: [...pod.path, 'volumes', i, 'name'], name: isRecord(v) ? v.name : undefined })),
        'volume',
      );
      for (const c of containers) {
        duplicates(
          ctx,
          asArray(c.container.ports).map((p, i) => ({ path: [...c.path, 'ports', i, 'name'], name: isRecord(p) ? p.name : undefined })),
          'port',
        );
        duplicates(
          ctx,
          asArray(c.container.volumeMounts).map((m, i) => ({ path: [...c.path, 'volumeMounts', i, 'mountPath'], name: isRecord(m) ? m.mountPath : undefined })),
          'mountPath',
        );
      }
    }
    if (ctx.kind === 'Service') {
      const ports = asArray((ctx.value.spec as Record<string, unknown> | undefined)?.ports);
      duplicates(
        ctx,
        ports.map((p, i) => ({ path: ['spec', 'ports', i, 'name'], name: isRecord(p) ? p.name : undefined })),
        'port',
      );
    }
  },
};
