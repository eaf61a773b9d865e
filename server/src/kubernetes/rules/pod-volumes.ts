import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { dns1123Label } from '../validation/names';
import { POD_SPEC_KINDS, asArray, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';
import { quantityValue } from '../validation/quantity';
import { ipProblem, strictIPs } from '../validation/ip-address';

function checkMode(ctx: KubeRuleContext, path: YamlPath, mode: unknown): void {
  if (typeof mode === 'number' && (mode < 0 || mode > 0o777)) ctx.report(path, `${String(path[path.length - 1])}: Invalid value: ${mode}: must be a number between 0 and 0777 (octal), both inclusive`);
}

function checkItems(ctx: KubeRuleContext, path: YamlPath, items: unknown): void {
  asArray(items).forEach((item, i) => {
    if (!isRecord(item)) return;
    const p = item.path;
    if (typeof p === 'string') {
      if (p.startsWith('/')) ctx.report([...path, i, 'path'], `items[${i}].path: Invalid value: "${p}": must be a relative path`);
      else if (p.split('/').includes('..')) ctx.report([...path, i, 'path'], `items[${i}].path: Invalid value: "${p}": must not contain '..'`);
    }
    checkMode(ctx, [...path, i, 'mode'], item.mode);
  });
}

/** Volumes and security settings of ValidatePodSpec: volume names, projected paths, modes, ids, host aliases, DNS config. */
export const podVolumesRule: KubeRule = {
  id: 'KubePodVolumes',
  severity: 'error',
  doc: 'Pod volumes and security: volume names not DNS labels, absolute or ".." item paths, file modes above 0777, negative user/group ids, invalid host alias or nameserver IPs.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    asArray(pod.spec.volumes).forEach((volume, i) => {
      if (!isRecord(volume)) return;
      const at = [...pod.path, 'volumes', i];
      if (typeof volume.name === 'string' && volume.name) {
        const problem = dns1123Label(volume.name);
        if (problem) ctx.report([...at, 'name'], `volumes[${i}].name: Invalid value: "${volume.name}": ${problem}`);
      }
      for (const source of ['configMap', 'secret'] as const) {
        const s = volume[source];
        if (!isRecord(s)) continue;
        checkMode(ctx, [...at, source, 'defaultMode'], s.defaultMode);
        checkItems(ctx, [...at, source, 'items'], s.items);
      }
      if (isRecord(volume.emptyDir) && volume.emptyDir.sizeLimit !== undefined) {
        const size = quantityValue(volume.emptyDir.sizeLimit);
        if (size !== undefined && size < 0) ctx.report([...at, 'emptyDir', 'sizeLimit'], `volumes[${i}].emptyDir.sizeLimit: Invalid value: must be greater than or equal to 0`);
      }
      if (isRecord(volume.hostPath) && typeof volume.hostPath.path === 'string' && volume.hostPath.path.split('/').includes('..')) {
        ctx.report([...at, 'hostPath', 'path'], `volumes[${i}].hostPath.path: Invalid value: must not contain '..'`);
      }
    });
    const ids = (path: YamlPath, context: unknown) => {
      if (!isRecord(context)) return;
      for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
        const id = context[field];
        if (typeof id === 'number' && (id < 0 || id > 2147483647)) ctx.report([...path, field], `${field}: Invalid value: ${id}: must be between 0 and 2147483647, inclusive`);
      }
    };
    ids([...pod.path, 'securityContext'], pod.spec.securityContext);
    for (const c of containersOf(pod)) {
      ids([...c.path, 'securityContext'], c.container.securityContext);
    }
    const strict = strictIPs(ctx.version);
    asArray(pod.spec.hostAliases).forEach((alias, i) => {
      const problem = isRecord(alias) && typeof alias.ip === 'string' ? ipProblem(alias.ip, strict) : undefined;
      if (problem) ctx.report([...pod.path, 'hostAliases', i, 'ip'], `hostAliases[${i}].ip: Invalid value: "${String((alias as { ip: string }).ip)}": ${problem}`);
    });
    const dns = pod.spec.dnsConfig;
    if (isRecord(dns)) {
      const servers = asArray(dns.nameservers);
      if (servers.length > 3) ctx.report([...pod.path, 'dnsConfig', 'nameservers'], 'dnsConfig.nameservers: Invalid value: must not have more than 3 nameservers', { part: 'key' });
      servers.forEach((server, i) => {
        const problem = typeof server === 'string' ? ipProblem(server, strict) : undefined;
        if (problem) ctx.report([...pod.path, 'dnsConfig', 'nameservers', i], `dnsConfig.nameservers[${i}]: Invalid value: "${String(server)}": ${problem}`);
      });
    }
  },
};
