import { isJsonMap } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/**
 * A service `platform` that its `build.platforms` does not list: compose-go's consistency check refuses
 * it (the image would be built for other platforms than the one it runs on). Judged on the merged
 * project, reported on whichever of the two this file sets.
 */
export const platformNotInBuildPlatformsRule: ComposeRule = {
  id: 'PlatformNotInBuildPlatforms',
  severity: 'error',
  doc: "A service's platform is not among its build.platforms.",
  appliesTo: 'enabled-services',
  tool: 'compose',
  check({ compose, project, report }) {
    const merged = isJsonMap(project.merged.services) ? project.merged.services : {};
    for (const [name, own] of servicesOf(compose)) {
      const def = merged[name];
      if (!isJsonMap(def) || !isJsonMap(def.build) || !Array.isArray(def.build.platforms) || !def.build.platforms.length) continue;
      const platform = def.platform;
      if (typeof platform !== 'string' || !platform || def.build.platforms.includes(platform)) continue;
      const listed = def.build.platforms.map((p) => JSON.stringify(p)).join(', ');
      const message = `service.build.platforms MUST include service.platform ${JSON.stringify(platform)}: service "${name}" runs on ${platform} but is built for ${listed}; add it to build.platforms or change platform.`;
      const path = own.platform !== undefined ? ['services', name, 'platform'] : isJsonMap(own.build) && own.build.platforms !== undefined ? ['services', name, 'build', 'platforms'] : undefined;
      if (path) report(rangeAt(compose, path, path.length === 3 ? 'value' : 'key'), message);
    }
  },
};
