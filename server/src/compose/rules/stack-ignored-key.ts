import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { DEPRECATED_PROPERTIES, UNSUPPORTED_PROPERTIES } from '../stack/properties';

/** docker/cli's GetUnsupportedProperties / GetDeprecatedProperties: the deploy goes on without these options. */
export const stackIgnoredKeyRule: ComposeRule = {
  id: 'StackIgnoredKey',
  severity: 'warning',
  doc: 'A service option docker stack deploy ignores ("Ignoring unsupported options" / "Ignoring deprecated options"), saying what the swarm does instead.',
  appliesTo: 'file',
  tool: 'stack',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      for (const key of Object.keys(def)) {
        const instead = Object.hasOwn(UNSUPPORTED_PROPERTIES, key) ? UNSUPPORTED_PROPERTIES[key] : undefined;
        const deprecated = Object.hasOwn(DEPRECATED_PROPERTIES, key) ? DEPRECATED_PROPERTIES[key] : undefined;
        if (instead) report(rangeAt(compose, ['services', name, key], 'key'), `docker stack deploy ignores ${key} ("Ignoring unsupported options"): ${instead}.`);
        else if (deprecated) report(rangeAt(compose, ['services', name, key], 'key'), `docker stack deploy ignores ${key} ("Ignoring deprecated options"): ${deprecated}`);
      }
    }
  },
};
