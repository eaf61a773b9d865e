import type { KubeRule } from '../rule';
import { isRecord, isSet } from '../model/documents';
import { asArray } from '../validation/pod-spec';
import { cidrProblem, strictIPs } from '../validation/ip-address';

/** NetworkPolicy peers and ports: CIDRs, endPort ≥ port, ipBlock exclusive with selectors. */
export const networkPolicyRule: KubeRule = {
  id: 'KubeNetworkPolicy',
  severity: 'error',
  doc: 'NetworkPolicy: invalid ipBlock CIDRs, ipBlock combined with selectors in one peer, endPort below port or without a numeric port.',
  appliesTo: { objects: 'built-in', kinds: ['NetworkPolicy'] },
  check(ctx) {
    if (!isRecord(ctx.value.spec)) return;
    for (const direction of ['ingress', 'egress'] as const) {
      asArray(ctx.value.spec[direction]).forEach((rule, i) => {
        if (!isRecord(rule)) return;
        const peersKey = direction === 'ingress' ? 'from' : 'to';
        asArray(rule[peersKey]).forEach((peer, j) => {
          if (!isRecord(peer)) return;
          const at = ['spec', direction, i, peersKey, j];
          const block = peer.ipBlock;
          if (isRecord(block)) {
            if (isSet(peer.podSelector) || isSet(peer.namespaceSelector)) ctx.report([...at, 'ipBlock'], `${direction}[${i}].${peersKey}[${j}]: Forbidden: may not specify more than 1 peer type`, { part: 'key' });
            const strict = strictIPs(ctx.version);
            const cidr = typeof block.cidr === 'string' ? cidrProblem(block.cidr, strict) : undefined;
            if (cidr) ctx.report([...at, 'ipBlock', 'cidr'], `ipBlock.cidr: Invalid value: "${String(block.cidr)}": ${cidr}`);
            asArray(block.except).forEach((except, k) => {
              const problem = typeof except === 'string' ? cidrProblem(except, strict) : undefined;
              if (problem) ctx.report([...at, 'ipBlock', 'except', k], `ipBlock.except[${k}]: Invalid value: "${String(except)}": ${problem}`);
            });
          }
        });
        asArray(rule.ports).forEach((port, j) => {
          if (!isRecord(port) || port.endPort === undefined) return;
          const at = ['spec', direction, i, 'ports', j, 'endPort'];
          if (typeof port.port !== 'number') ctx.report(at, `ports[${j}].endPort: Required value: may not be specified when port is not a number`, { part: 'key' });
          else if (typeof port.endPort === 'number' && port.endPort < port.port) ctx.report(at, `ports[${j}].endPort: Invalid value: ${port.endPort}: must be greater than or equal to \`port\``);
        });
      });
    }
  },
};
