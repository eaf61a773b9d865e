import { isJsonMap } from '../document';
import { referencesOf } from '../references';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

// Drivers whose networks are scoped to one engine: a swarm service cannot attach to them.
const LOCAL_DRIVERS = new Set(['bridge', 'host', 'none', 'macvlan', 'ipvlan']);

/**
 * docker stack deploy creates every network a service uses (docker/cli convert.Networks; overlay when no driver is
 * given); a local driver makes a network the swarm manager then refuses for the service (moby
 * daemon/cluster/networks.go: "cannot be used with services"), after the networks were created.
 */
export const stackNetworkDriverRule: ComposeRule = {
  id: 'StackNetworkDriver',
  severity: 'error',
  doc: 'A stack network with a local driver (bridge, host, macvlan…) that a swarm service cannot attach to; stacks need overlay networks.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    const networks = compose.model.networks;
    if (!isJsonMap(networks)) return;
    // Only networks a service uses are created; a service without networks uses `default`.
    const used = new Set(
      referencesOf(compose)
        .filter((r) => r.kind === 'networks')
        .map((r) => r.name),
    );
    if (servicesOf(compose).some(([, def]) => def.networks === undefined)) used.add('default');
    for (const [name, def] of Object.entries(networks)) {
      if (!isJsonMap(def) || def.external === true || isJsonMap(def.external)) continue;
      const driver = typeof def.driver === 'string' ? def.driver : '';
      if (!LOCAL_DRIVERS.has(driver.toLowerCase()) || !used.has(name)) continue;
      report(
        rangeAt(compose, ['networks', name, 'driver']),
        `Network "${name}" uses the ${driver} driver: the swarm manager refuses it for the stack's services ("cannot be used with services. Only networks scoped to the swarm can be used"), after creating it. Use driver: overlay, or an external swarm-scoped network.`,
      );
    }
  },
};
