import * as path from 'node:path';
import { isJsonMap } from '../document';
import { isRemoteContext } from '../file-references';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';

/** A build context or Dockerfile that is not on disk: `docker compose build` would fail. */
export const buildPathNotFoundRule: ComposeRule = {
  id: 'BuildPathNotFound',
  severity: 'warning',
  doc: 'A build context folder or its Dockerfile does not exist.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, project, workspace, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const build = typeof def.build === 'string' ? { context: def.build } : isJsonMap(def.build) ? def.build : undefined;
      if (!build) continue;
      const context = typeof build.context === 'string' ? build.context : '.';
      if (isRemoteContext(context)) continue;
      const contextPath = path.resolve(project.dir, context);
      const contextKeys = typeof def.build === 'string' ? ['build'] : ['build', 'context'];
      if (!workspace.exists(contextPath)) {
        report(rangeAt(compose, ['services', name, ...contextKeys]), `Build context "${context}" does not exist (${contextPath}).`);
        continue;
      }
      if (build.dockerfile_inline !== undefined) continue;
      const dockerfile = typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
      const dockerfilePath = path.resolve(contextPath, dockerfile);
      if (typeof build.dockerfile !== 'string' && !workspace.exists(dockerfilePath) && workspace.exists(path.join(contextPath, 'Containerfile'))) continue;
      if (!workspace.exists(dockerfilePath)) {
        const keys = typeof build.dockerfile === 'string' ? ['build', 'dockerfile'] : contextKeys;
        report(rangeAt(compose, ['services', name, ...keys]), `Dockerfile "${dockerfile}" does not exist in the build context (${dockerfilePath}).`);
      }
    }
  },
};
