import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { configMapKey } from '../validation/names';

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};
const MAX_SIZE = 1024 * 1024;

/** ConfigMap and Secret data: valid keys, no key in both data and binaryData, keys a Secret type needs, 1 MiB limit. */
export const configDataRule: KubeRule = {
  id: 'KubeConfigData',
  severity: 'error',
  doc: 'ConfigMap/Secret: invalid data keys, a key in both data and binaryData/stringData clash, missing keys its Secret type requires, over 1 MiB.',
  appliesTo: { objects: 'built-in', kinds: ['ConfigMap', 'Secret'] },
  check(ctx) {
    if (ctx.apiVersion !== 'v1') return;
    const sections = ctx.kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
    const keys = new Set<string>();
    let size = 0;
    for (const section of sections) {
      const data = ctx.value[section];
      if (!isRecord(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        const problem = configMapKey(key);
        if (problem) ctx.report([section, key], `${section}[${key}]: Invalid value: "${key}": ${problem}`, { part: 'key' });
        if (ctx.kind === 'ConfigMap' && keys.has(key)) ctx.report([section, key], `${section}[${key}]: Invalid value: "${key}": duplicate of key present in data`, { part: 'key' });
        keys.add(key);
        size += typeof value === 'string' ? value.length : 0;
      }
    }
    if (size > MAX_SIZE) ctx.report([sections[0]], `${sections[0]}: Too long: must have at most ${MAX_SIZE} bytes`, { part: 'key' });
    if (ctx.kind !== 'Secret') return;
    const type = typeof ctx.value.type === 'string' ? ctx.value.type : 'Opaque';
    const holder = ctx.value.data !== undefined ? ['data'] : ctx.value.stringData !== undefined ? ['stringData'] : ['type'];
    for (const key of REQUIRED_KEYS[type] ?? []) {
      if (!keys.has(key)) ctx.report(holder, `data[${key}]: Required value (a ${type} Secret needs it)`, { part: 'key' });
    }
    if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
      ctx.report(holder, 'data[username]: Required value (a kubernetes.io/basic-auth Secret needs username or password)', { part: 'key' });
    }
    if (type === 'kubernetes.io/service-account-token') {
      const annotations = isRecord(ctx.value.metadata) && isRecord(ctx.value.metadata.annotations) ? ctx.value.metadata.annotations : {};
      if (!annotations['kubernetes.io/service-account.name']) ctx.report(['type'], 'metadata.annotations[kubernetes.io/service-account.name]: Required value');
    }
    if (type === 'kubernetes.io/dockerconfigjson' && isRecord(ctx.value.stringData) && typeof ctx.value.stringData['.dockerconfigjson'] === 'string') {
      try {
        JSON.parse(ctx.value.stringData['.dockerconfigjson']);
      } catch (error) {
        ctx.report(['stringData', '.dockerconfigjson'], `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": ${(error as Error).message}`);
      }
    }
  },
};
