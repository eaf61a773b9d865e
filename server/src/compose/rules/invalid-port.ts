import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { isIp, parsePort } from '../values';

/** Port mappings docker compose cannot parse: `[ip:][host[-range]:]container[-range][/tcp|udp|sctp]`, long syntax host_ip. */
export const invalidPortRule: ComposeRule = {
  id: 'InvalidPort',
  severity: 'error',
  doc: 'A port mapping that docker compose rejects (bad number, range, IP address or protocol).',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      if (!Array.isArray(def.ports)) continue;
      def.ports.forEach((entry, index) => {
        const path = ['services', name, 'ports', index];
        if (typeof entry === 'string') {
          const parsed = parsePort(entry);
          if (typeof parsed === 'string') report(rangeAt(compose, path), `Invalid port "${entry}": ${parsed}.`);
        } else if (isJsonMap(entry)) {
          if (typeof entry.host_ip === 'string' && !isIp(entry.host_ip)) {
            report(rangeAt(compose, [...path, 'host_ip']), `Invalid host_ip "${entry.host_ip}": not an IP address.`);
          }
          if (typeof entry.published === 'string' && entry.published && !/^\d+(-\d+)?$/.test(entry.published)) {
            report(rangeAt(compose, [...path, 'published']), `Invalid published port "${entry.published}": use a port or a range like "8000-8010".`);
          }
        }
      });
    }
  },
};
