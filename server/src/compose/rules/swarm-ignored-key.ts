import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { DEPRECATED_PROPERTIES, UNSUPPORTED_PROPERTIES } from '../stack/properties';

const SWARM_DEPLOY = ['placement', 'update_config', 'rollback_config', 'endpoint_mode'];

/**
 * In a plain Compose file whose deploy section uses Swarm-only keys (so it is meant for Swarm too), the keys
 * `docker stack deploy` would ignore: the same tables as StackIgnoredKey (docker/cli), as a hint. A stack file
 * gets StackIgnoredKey instead.
 */
export const swarmIgnoredKeyRule: ComposeRule = {
  id: 'SwarmIgnoredKey',
  severity: 'info',
  doc: 'In a Compose file whose deploy section targets Swarm, a key that docker stack deploy ignores.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      if (!isJsonMap(def.deploy) || !SWARM_DEPLOY.some((k) => isJsonMap(def.deploy) && def.deploy[k] !== undefined)) continue;
      for (const key of Object.keys(def)) {
        const why = Object.hasOwn(UNSUPPORTED_PROPERTIES, key) ? UNSUPPORTED_PROPERTIES[key] : Object.hasOwn(DEPRECATED_PROPERTIES, key) ? DEPRECATED_PROPERTIES[key] : undefined;
        if (why) report(rangeAt(compose, ['services', name, key], 'key'), `${key} is ignored by docker stack deploy (${why.replace(/\.$/, '')}); docker compose honours it.`);
      }
    }
  },
};
