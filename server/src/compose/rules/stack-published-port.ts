import { isJsonMap, type Json } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { parsePort } from '../values';

interface Published {
  port: number;
  protocol: string;
  /** Short syntax is always ingress (docker/cli toServicePortConfigs); long syntax without mode is ingress too. */
  mode: string;
}

/** What one ports entry publishes, as the swarm manager sees it; a port without published still has a publish mode. */
function published(entry: Json): { mode: string; ports: Published[] } | undefined {
  if (typeof entry === 'string' || typeof entry === 'number') {
    const parsed = parsePort(String(entry));
    if (typeof parsed === 'string') return undefined;
    return { mode: 'ingress', ports: parsed.hostPorts.map((port) => ({ port, protocol: parsed.protocol, mode: 'ingress' })) };
  }
  if (!isJsonMap(entry)) return undefined;
  const mode = typeof entry.mode === 'string' && entry.mode !== '' ? entry.mode.toLowerCase() : 'ingress';
  const protocol = typeof entry.protocol === 'string' && entry.protocol ? entry.protocol.toLowerCase() : 'tcp';
  const port = typeof entry.published === 'number' ? entry.published : typeof entry.published === 'string' && /^\d+$/.test(entry.published) ? Number(entry.published) : 0;
  return { mode, ports: port ? [{ port, protocol, mode }] : [] };
}

/**
 * The swarm manager's port checks (swarmkit manager/controlapi validateEndpointSpec, checkPortConflicts): met
 * only at deploy, after the stack's networks, secrets and configs were created.
 */
export const stackPublishedPortRule: ComposeRule = {
  id: 'StackPublishedPort',
  severity: 'error',
  doc: 'A port the swarm manager refuses: published in ingress mode with endpoint_mode dnsrr, published twice by one service, or taken by another service of the stack.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    const services = servicesOf(compose);
    const byService = services.map(([name, def]) => ({ name, def, entries: Array.isArray(def.ports) ? def.ports.map(published) : [] }));
    for (const { name, def, entries } of byService) {
      const dnsrr = isJsonMap(def.deploy) && typeof def.deploy.endpoint_mode === 'string' && def.deploy.endpoint_mode.toLowerCase() === 'dnsrr';
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        if (!entry) return;
        const at = rangeAt(compose, ['services', name, 'ports', index]);
        if (dnsrr && entry.mode === 'ingress') {
          report(at, "EndpointSpec: port published with ingress mode can't be used with dnsrr mode (swarm manager): publish it with mode: host, or use endpoint_mode: vip.");
          return;
        }
        for (const p of entry.ports) {
          const key = `${p.port}/${p.protocol}`;
          if (seen.has(key)) {
            report(at, `EndpointSpec: duplicate published ports provided (swarm manager): ${key} is published twice by service "${name}".`);
            return;
          }
          seen.add(key);
          // docker/cli creates the services in map order (random): whichever comes second is refused, so both are marked.
          const holder = byService.find((other) => other.name !== name && other.entries.some((e) => e?.ports.some((q) => q.port === p.port && q.protocol === p.protocol && (q.mode === 'ingress' || p.mode === 'ingress'))));
          if (holder) {
            report(at, `port '${p.port}' is also published by service "${holder.name}" of this stack: the swarm manager refuses whichever of the two is created second ("port is already in use").`);
            return;
          }
        }
      });
    }
  },
};
