import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/** After merging the project, a service must have `image` or `build` (or inherit one through `extends`). */
export const missingImageOrBuildRule: ComposeRule = {
  id: 'MissingImageOrBuild',
  severity: 'error',
  doc: 'A service has neither image nor build, in any file of the project.',
  appliesTo: 'enabled-services',
  tool: 'compose',
  check({ compose, project, report }) {
    const merged = isJsonMap(project.merged.services) ? project.merged.services : {};
    for (const [name] of servicesOf(compose)) {
      const def = merged[name];
      if (!isJsonMap(def) || (def.image !== undefined && def.image !== '' && def.image !== null) || def.build !== undefined || def.extends !== undefined || def.provider !== undefined) continue;
      report(rangeAt(compose, ['services', name], 'key'), `Service "${name}" has neither an image nor a build context.`);
    }
  },
};
