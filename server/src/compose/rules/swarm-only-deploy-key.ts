import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

const SWARM_ONLY = ['placement', 'update_config', 'rollback_config', 'endpoint_mode', 'labels'];

/** deploy keys only `docker stack deploy` honours; `docker compose up` ignores them. */
export const swarmOnlyDeployKeyRule: ComposeRule = {
  id: 'SwarmOnlyDeployKey',
  severity: 'info',
  doc: 'A deploy key that only docker stack deploy (Swarm) honours; docker compose ignores it.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      if (!isJsonMap(def.deploy)) continue;
      for (const key of SWARM_ONLY) {
        if (def.deploy[key] === undefined) continue;
        report(rangeAt(compose, ['services', name, 'deploy', key], 'key'), `deploy.${key} is only honoured by docker stack deploy (Swarm); docker compose ignores it.`);
      }
      if (def.deploy.mode === 'global') report(rangeAt(compose, ['services', name, 'deploy', 'mode']), 'deploy.mode: global runs one task per Swarm node; docker compose runs a single container.');
    }
  },
};
