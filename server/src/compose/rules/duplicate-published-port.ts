import { isJsonMap, type Json } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { parsePort } from '../values';

/** Host ports a service publishes, as "ip/proto/port" keys. */
function hostPorts(entry: Json): string[] {
  if (typeof entry === 'string') {
    const parsed = parsePort(entry);
    return typeof parsed === 'string' ? [] : parsed.hostPorts.map((p) => `${parsed.ip || '*'}/${parsed.protocol}/${p}`);
  }
  if (isJsonMap(entry) && entry.published !== undefined && /^\d+$/.test(String(entry.published))) {
    return [`${typeof entry.host_ip === 'string' ? entry.host_ip : '*'}/${typeof entry.protocol === 'string' ? entry.protocol : 'tcp'}/${String(entry.published)}`];
  }
  return [];
}

/** Two services (or one twice) publishing the same host port: the second fails to start. */
export const duplicatePublishedPortRule: ComposeRule = {
  id: 'DuplicatePublishedPort',
  severity: 'warning',
  doc: 'A host port is published twice across the services of the project; the second container cannot bind it.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, project, report }) {
    // port/protocol → [ip, service] of every publisher in the merged project: one pass, then lookups.
    const owners = new Map<string, [string, string][]>();
    const services = isJsonMap(project.merged.services) ? project.merged.services : {};
    for (const [name, def] of Object.entries(services)) {
      if (!isJsonMap(def) || !Array.isArray(def.ports)) continue;
      for (const entry of def.ports)
        for (const key of hostPorts(entry)) {
          const [ip, protocol, port] = key.split('/');
          const list = owners.get(`${port}/${protocol}`) ?? [];
          list.push([ip, name]);
          owners.set(`${port}/${protocol}`, list);
        }
    }
    for (const [name, def] of servicesOf(compose)) {
      if (!Array.isArray(def.ports)) continue;
      def.ports.forEach((entry, index) => {
        for (const key of hostPorts(entry)) {
          const [ip, protocol, port] = key.split('/');
          const clash = (owners.get(`${port}/${protocol}`) ?? []).filter(([i]) => i === ip || i === '*' || ip === '*').map(([, s]) => s);
          if (clash.length < 2) continue;
          const others = [...new Set(clash.filter((s) => s !== name))];
          report(rangeAt(compose, ['services', name, 'ports', index]), `Host port ${port}/${protocol} is published ${others.length ? `also by ${others.map((o) => `"${o}"`).join(', ')}` : 'twice by this service'}.`);
          break;
        }
      });
    }
  },
};
