import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { FORBIDDEN_PROPERTIES } from '../stack/properties';

/** docker/cli's loader validateForbidden (cli/compose/loader, types.ForbiddenProperties): checked before anything else. */
export const stackForbiddenKeyRule: ComposeRule = {
  id: 'StackForbiddenKey',
  severity: 'error',
  doc: "A service option docker stack deploy refuses outright (extends, mem_limit, cpu_shares, volumes_from…), with docker's hint of what to use instead.",
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const [key, hint] of Object.entries(FORBIDDEN_PROPERTIES)) {
        if (Object.hasOwn(def, key)) report(rangeAt(compose, ['services', name, key], 'key'), `docker stack deploy refuses ${key} (Compose file contains unsupported options): ${hint}`);
      }
    }
  },
};
