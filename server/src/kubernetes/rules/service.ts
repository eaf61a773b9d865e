import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { dns1123Label, dns1123Subdomain, portName } from '../validation/names';
import { asArray, getPath } from '../validation/pod-spec';
import { cidrProblem, ipProblem, strictIPs } from '../validation/ip-address';
import { minorOf } from '../schema/store';

/** Service spec rules of validateService: ports, names, targetPort, nodePort vs type, ExternalName, LB-only fields. */
export const serviceRule: KubeRule = {
  id: 'KubeService',
  severity: 'error',
  doc: 'Service: ports missing or out of range, unnamed ports when there are several, nodePort with ClusterIP, ExternalName without a DNS name, LoadBalancer-only fields, trafficDistribution not supported by the target version.',
  appliesTo: { objects: 'built-in', kinds: ['Service'] },
  check(ctx) {
    if (!isRecord(ctx.value.spec)) return;
    const spec = ctx.value.spec;
    const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
    const headless = spec.clusterIP === 'None';
    const ports = asArray(spec.ports);
    if (ports.length === 0 && !headless && type !== 'ExternalName') ctx.report(['spec'], 'spec.ports: Required value', { part: 'key' });
    ports.forEach((port, i) => {
      if (!isRecord(port)) return;
      const path = ['spec', 'ports', i];
      if (ports.length > 1 && (port.name === undefined || port.name === '')) ctx.report(path, `spec.ports[${i}].name: Required value (several ports must each be named)`);
      else if (typeof port.name === 'string' && port.name) {
        const problem = dns1123Label(port.name);
        if (problem) ctx.report([...path, 'name'], `spec.ports[${i}].name: Invalid value: "${port.name}": ${problem}`);
      }
      if (port.port === undefined) ctx.report(path, `spec.ports[${i}].port: Required value`);
      else if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) ctx.report([...path, 'port'], `spec.ports[${i}].port: Invalid value: ${port.port}: must be between 1 and 65535, inclusive`);
      const target = port.targetPort;
      if (typeof target === 'number' && (target < 1 || target > 65535)) ctx.report([...path, 'targetPort'], `spec.ports[${i}].targetPort: Invalid value: ${target}: must be between 1 and 65535, inclusive`);
      if (typeof target === 'string') {
        const problem = /^\d+$/.test(target) ? 'must contain at least one letter (a-z)' : portName(target);
        if (problem) ctx.report([...path, 'targetPort'], `spec.ports[${i}].targetPort: Invalid value: "${target}": ${problem}`);
      }
      if (port.nodePort !== undefined && port.nodePort !== 0 && type === 'ClusterIP') ctx.report([...path, 'nodePort'], `spec.ports[${i}].nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`, { part: 'key' });
      // nodePort values are the allocator's business (a dry run does not allocate): not checked here.
      if (typeof port.appProtocol === 'string' && port.appProtocol.includes(' ')) ctx.report([...path, 'appProtocol'], `spec.ports[${i}].appProtocol: Invalid value: "${port.appProtocol}"`);
    });
    const seen = new Set<string>();
    ports.forEach((port, i) => {
      if (!isRecord(port) || typeof port.port !== 'number') return;
      const key = `${port.port}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
      if (seen.has(key)) ctx.report(['spec', 'ports', i, 'port'], `spec.ports[${i}]: Duplicate value: ${key}`);
      seen.add(key);
    });
    if (type === 'ExternalName') {
      const name = spec.externalName;
      if (typeof name !== 'string' || !name) ctx.report(['spec'], 'spec.externalName: Required value', { part: 'key' });
      else {
        const problem = dns1123Subdomain(name.replace(/\.$/, ''));
        if (problem) ctx.report(['spec', 'externalName'], `spec.externalName: Invalid value: "${name}": ${problem}`);
      }
      for (const field of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
        if (spec[field] !== undefined && !(field === 'clusterIP' && spec[field] === '')) ctx.report(['spec', field], `spec.${field}: Forbidden: may not be set for ExternalName services`, { part: 'key' });
      }
    }
    if ((type === 'NodePort' || type === 'LoadBalancer') && headless) ctx.report(['spec', 'clusterIP'], `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for ${type} services`);
    if (spec.externalTrafficPolicy !== undefined && type !== 'NodePort' && type !== 'LoadBalancer') {
      ctx.report(['spec', 'externalTrafficPolicy'], `spec.externalTrafficPolicy: Invalid value: "${String(spec.externalTrafficPolicy)}": may only be set for externally-accessible services`, { part: 'key' });
    }
    for (const field of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts']) {
      if (spec[field] !== undefined && type !== 'LoadBalancer') ctx.report(['spec', field], `spec.${field}: Forbidden: may only be used when \`type\` is 'LoadBalancer'`, { part: 'key' });
    }
    const timeout = getPath(spec, ['sessionAffinityConfig', 'clientIP', 'timeoutSeconds']);
    if (spec.sessionAffinity === 'ClientIP' && typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) {
      ctx.report(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], `spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: ${timeout}: must be greater than 0 and less than 86400`);
    }
    // PreferSameZone / PreferSameNode: feature PreferSameTrafficDistribution, on by default from 1.34 (alpha, off, in 1.33).
    const distribution = spec.trafficDistribution;
    if (typeof distribution === 'string') {
      const supported = minorOf(ctx.version) >= 34 ? ['PreferClose', 'PreferSameZone', 'PreferSameNode'] : ['PreferClose'];
      if (!supported.includes(distribution)) ctx.report(['spec', 'trafficDistribution'], `spec.trafficDistribution: Unsupported value: "${distribution}": supported values: ${supported.map((v) => `"${v}"`).join(', ')}`);
    }
    const strict = strictIPs(ctx.version);
    if (typeof spec.clusterIP === 'string' && spec.clusterIP && spec.clusterIP !== 'None') {
      const problem = ipProblem(spec.clusterIP, strict);
      if (problem) ctx.report(['spec', 'clusterIP'], `spec.clusterIPs[0]: Invalid value: "${spec.clusterIP}": ${problem}`);
    }
    // Space-padded values are allowed (a leftover of the annotation this field replaced).
    asArray(spec.loadBalancerSourceRanges).forEach((range, i) => {
      const problem = typeof range === 'string' ? cidrProblem(range.trim(), strict) : undefined;
      if (problem) ctx.report(['spec', 'loadBalancerSourceRanges', i], `spec.LoadBalancerSourceRanges[${i}]: Invalid value: "${String(range)}": ${problem}`);
    });
  },
};
