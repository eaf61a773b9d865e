import { isJsonMap } from '../document';
import { referenceRange, referencesOf } from '../references';
import type { ComposeRule } from '../rule';
import { valueAt } from '../walk';
import { activeProfiles, isEnabled, profilesOf } from '../profiles';

/** depends_on a service whose profiles are all inactive: compose-go treats it as undefined unless `required: false`. */
export const dependsOnDisabledServiceRule: ComposeRule = {
  id: 'DependsOnDisabledService',
  severity: 'error',
  doc: 'depends_on names a service that is disabled because none of its profiles is active (COMPOSE_PROFILES).',
  appliesTo: 'enabled-services',
  tool: 'compose',
  check({ compose, project, report }) {
    const active = activeProfiles(compose.env.lookup);
    const services = isJsonMap(project.merged.services) ? project.merged.services : {};
    for (const ref of referencesOf(compose)) {
      if (ref.kind !== 'services' || ref.attribute !== 'depends_on') continue;
      const target = services[ref.name];
      if (target === undefined || isEnabled(target, active) || !isEnabled(services[ref.service], active)) continue;
      if (valueAt(services[ref.service], 'depends_on', ref.name, 'required') === false) continue;
      report(
        referenceRange(compose, ref),
        `Service "${ref.service}" depends on "${ref.name}", which is disabled: its profiles (${profilesOf(target).join(', ')}) are not active. Enable one (COMPOSE_PROFILES, --profile) or set required: false.`,
      );
    }
  },
};
