import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

// From the Compose file reference: attributes `docker stack deploy` does not support.
const IGNORED: Record<string, string> = {
  build: 'stack deploy needs a pushed image',
  cgroup_parent: '', container_name: 'Swarm names tasks itself', devices: '', depends_on: 'Swarm starts services in any order',
  external_links: '', links: 'use networks', network_mode: '', restart: 'use deploy.restart_policy', security_opt: '', userns_mode: '', tmpfs: '',
};

const SWARM_DEPLOY = ['placement', 'update_config', 'rollback_config', 'endpoint_mode'];

/** In a service whose deploy section uses Swarm-only keys (so it is meant for Swarm too), keys `docker stack deploy` ignores. */
export const swarmIgnoredKeyRule: ComposeRule = {
  id: 'SwarmIgnoredKey',
  severity: 'info',
  doc: 'In a service whose deploy section targets Swarm, a key that docker stack deploy ignores.',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      if (!isJsonMap(def.deploy) || !SWARM_DEPLOY.some((k) => isJsonMap(def.deploy) && def.deploy[k] !== undefined)) continue;
      for (const [key, why] of Object.entries(IGNORED)) {
        if (def[key] === undefined) continue;
        report(rangeAt(compose, ['services', name, key], 'key'), `${key} is ignored by docker stack deploy${why ? ` (${why})` : ''}; docker compose honours it.`);
      }
    }
  },
};
