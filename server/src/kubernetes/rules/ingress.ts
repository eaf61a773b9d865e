import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord } from '../model/documents';
import { dns1123Subdomain, dns1035Label, portName } from '../validation/names';
import { asArray } from '../validation/pod-spec';
import { isIP } from '../validation/ip-address';

function checkBackend(ctx: KubeRuleContext, path: YamlPath, backend: unknown, where: string): void {
  if (!isRecord(backend)) return;
  const hasService = backend.service !== undefined && backend.service !== null;
  const hasResource = backend.resource !== undefined && backend.resource !== null;
  if (hasService && hasResource) ctx.report([...path, 'resource'], `${where}: Invalid value: cannot set both resource and service backends`, { part: 'key' });
  else if (!hasService && !hasResource) ctx.report(path, `${where}: Invalid value: resource or service backend is required`, { part: 'key' });
  const service = backend.service;
  if (!isRecord(service)) return;
  if (typeof service.name === 'string' && service.name) {
    const problem = dns1035Label(service.name);
    if (problem) ctx.report([...path, 'service', 'name'], `${where}.service.name: Invalid value: "${service.name}": ${problem}`);
  } else ctx.report([...path, 'service'], `${where}.service.name: Required value`, { part: 'key' });
  const port = service.port;
  if (!isRecord(port)) {
    ctx.report([...path, 'service'], `${where}.service.port: Required value`, { part: 'key' });
    return;
  }
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) ctx.report([...path, 'service', 'port'], `${where}.service.port: Invalid value: cannot set both port name & port number`, { part: 'key' });
  else if (!hasName && !hasNumber) ctx.report([...path, 'service', 'port'], `${where}.service.port: Invalid value: port name or number is required`, { part: 'key' });
  if (typeof port.number === 'number' && port.number !== 0 && (port.number < 1 || port.number > 65535))
    ctx.report([...path, 'service', 'port', 'number'], `${where}.service.port.number: Invalid value: ${port.number}: must be between 1 and 65535, inclusive`);
  if (hasName) {
    const problem = portName(port.name as string);
    if (problem) ctx.report([...path, 'service', 'port', 'name'], `${where}.service.port.name: Invalid value: "${String(port.name)}": ${problem}`);
  }
}

/** networking.k8s.io/v1 Ingress: rules or defaultBackend, host syntax, pathType and path shape, one backend each. */
export const ingressRule: KubeRule = {
  id: 'KubeIngress',
  severity: 'error',
  doc: 'Ingress: no rules and no defaultBackend, invalid host, missing or wrong pathType, paths not starting with "/", backends with both or neither service/resource.',
  appliesTo: { objects: 'built-in', kinds: ['Ingress'] },
  check(ctx) {
    if (ctx.apiVersion !== 'networking.k8s.io/v1' || !isRecord(ctx.value.spec)) return;
    const spec = ctx.value.spec;
    const rules = asArray(spec.rules);
    if (rules.length === 0 && spec.defaultBackend === undefined) ctx.report(['spec'], 'spec: Invalid value: either `defaultBackend` or `rules` must be specified', { part: 'key' });
    checkBackend(ctx, ['spec', 'defaultBackend'], spec.defaultBackend, 'spec.defaultBackend');
    rules.forEach((rule, i) => {
      if (!isRecord(rule)) return;
      const path = ['spec', 'rules', i];
      if (typeof rule.host === 'string' && rule.host) {
        const host = rule.host;
        if (isIP(host)) ctx.report([...path, 'host'], `spec.rules[${i}].host: Invalid value: "${host}": must be a DNS name, not an IP address`);
        else {
          const problem = host.startsWith('*.') ? dns1123Subdomain(host.slice(2)) : host.includes('*') ? "a wildcard DNS-1123 subdomain must start with '*.'" : dns1123Subdomain(host);
          if (problem) ctx.report([...path, 'host'], `spec.rules[${i}].host: Invalid value: "${host}": ${problem}`);
        }
      }
      const http = rule.http;
      if (!isRecord(http)) return;
      const paths = asArray(http.paths);
      if (http.paths !== undefined && paths.length === 0) ctx.report([...path, 'http', 'paths'], `spec.rules[${i}].http.paths: Required value`, { part: 'key' });
      paths.forEach((entry, j) => {
        if (!isRecord(entry)) return;
        const at = [...path, 'http', 'paths', j];
        const where = `spec.rules[${i}].http.paths[${j}]`;
        const pathType = entry.pathType;
        if (pathType === undefined || pathType === '') ctx.report(at, `${where}.pathType: Required value: pathType must be specified`, { data: { insert: 'pathType', value: 'Prefix' } });
        const p = entry.path;
        if ((pathType === 'Exact' || pathType === 'Prefix') && typeof p === 'string' && !p.startsWith('/')) ctx.report([...at, 'path'], `${where}.path: Invalid value: "${p}": must be an absolute path`);
        if ((pathType === 'Exact' || pathType === 'Prefix') && (p === undefined || p === '')) ctx.report(at, `${where}.path: Required value: must be specified when pathType is ${pathType}`);
        if (typeof p === 'string' && (pathType === 'Exact' || pathType === 'Prefix') && /\/\/|\/\.\.?(\/|$)|%2f|%2F/.test(p))
          ctx.report([...at, 'path'], `${where}.path: Invalid value: "${p}": must not contain '//', '/./', '/../' or '%2f'`);
        if (entry.backend === undefined) ctx.report(at, `${where}.backend: Required value`);
        checkBackend(ctx, [...at, 'backend'], entry.backend, `${where}.backend`);
      });
    });
    asArray(spec.tls).forEach((tls, i) => {
      if (!isRecord(tls)) return;
      asArray(tls.hosts).forEach((host, j) => {
        if (typeof host !== 'string') return;
        const problem = host.startsWith('*.') ? dns1123Subdomain(host.slice(2)) : dns1123Subdomain(host);
        if (problem) ctx.report(['spec', 'tls', i, 'hosts', j], `spec.tls[${i}].hosts[${j}]: Invalid value: "${host}": ${problem}`);
      });
    });
  },
};
