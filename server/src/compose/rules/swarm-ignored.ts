import { finding, type Finding } from '../../core/diagnostics';
import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

// From the Compose file reference: attributes `docker stack deploy` does not support.
const IGNORED: Record<string, string> = {
  build: 'stack deploy needs a pushed image',
  cgroup_parent: '', container_name: 'Swarm names tasks itself', devices: '', depends_on: 'Swarm starts services in any order',
  external_links: '', links: 'use networks', network_mode: '', restart: 'use deploy.restart_policy', security_opt: '', userns_mode: '', tmpfs: '',
};

/** In a service that has `deploy` (so meant for Swarm too), keys `docker stack deploy` ignores. */
export const swarmIgnoredRule: ComposeRule = {
  id: 'SwarmIgnoredKey',
  severity: 'info',
  doc: 'In a service with a deploy section, a key that docker stack deploy (Swarm) ignores.',
  check({ compose }) {
    const findings: Finding[] = [];
    for (const [name, def] of servicesOf(compose)) {
      if (!isJsonMap(def.deploy)) continue;
      for (const [key, why] of Object.entries(IGNORED)) {
        if (def[key] === undefined) continue;
        findings.push(finding('SwarmIgnoredKey', 'info', rangeAt(compose, ['services', name, key], 'key'), `${key} is ignored by docker stack deploy${why ? ` (${why})` : ''}; docker compose honours it.`));
      }
    }
    return findings;
  },
};
