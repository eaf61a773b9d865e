import type { KubeRule } from './context';
import { isRecord } from '../model/documents';
import { asArray } from '../validation/pod-spec';

const CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$|^([0-9a-fA-F:]+)\/(\d{1,3})$/;

function validCidr(text: string): boolean {
  const match = CIDR.exec(text);
  if (!match) return false;
  if (match[1]) return match[1].split('.').every((o) => Number(o) <= 255) && Number(match[2]) <= 32;
  return Number(match[4]) <= 128;
}

/** NetworkPolicy peers and ports: CIDRs, endPort ≥ port, ipBlock exclusive with selectors. */
export const networkPolicyRule: KubeRule = {
  id: 'KubeNetworkPolicy',
  severity: 'error',
  doc: 'NetworkPolicy: invalid ipBlock CIDRs, ipBlock combined with selectors in one peer, endPort below port or without a numeric port.',
  check(ctx) {
    if (ctx.kind !== 'NetworkPolicy' || !isRecord(ctx.value.spec)) return;
    for (const direction of ['ingress', 'egress'] as const) {
      asArray(ctx.value.spec[direction]).forEach((rule, i) => {
        if (!isRecord(rule)) return;
        const peersKey = direction === 'ingress' ? 'from' : 'to';
        asArray(rule[peersKey]).forEach((peer, j) => {
          if (!isRecord(peer)) return;
          const at = ['spec', direction, i, peersKey, j];
          const block = peer.ipBlock;
          if (isRecord(block)) {
            if (peer.podSelector !== undefined || peer.namespaceSelector !== undefined) ctx.report([...at, 'ipBlock'], `${direction}[${i}].${peersKey}[${j}]: Forbidden: may not specify more than 1 peer type`, { part: 'key' });
            if (typeof block.cidr === 'string' && !validCidr(block.cidr)) ctx.report([...at, 'ipBlock', 'cidr'], `ipBlock.cidr: Invalid value: "${block.cidr}": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`);
            asArray(block.except).forEach((except, k) => {
              if (typeof except === 'string' && !validCidr(except)) ctx.report([...at, 'ipBlock', 'except', k], `ipBlock.except[${k}]: Invalid value: "${except}": must be a valid CIDR value`);
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
