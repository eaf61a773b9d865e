import * as path from 'node:path';
import { isJsonMap, type Json } from '../document';
import type { ComposeProject } from '../project';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import type { Workspace } from '../../core/workspace';
import { isRemoteContext } from '../file-references';

/**
 * `condition: service_healthy` on a service with no health check: `docker compose up` fails with
 * "container … has no healthcheck configured". A HEALTHCHECK in the service's own Dockerfile counts.
 */
export const healthcheckMissingRule: ComposeRule = {
  id: 'HealthcheckMissing',
  severity: 'warning',
  doc: 'depends_on waits for service_healthy, but that service defines no health check (compose up would fail).',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, project, workspace, report }) {
    const services = isJsonMap(project.merged.services) ? project.merged.services : {};
    for (const [name, def] of servicesOf(compose)) {
      if (!isJsonMap(def.depends_on)) continue;
      for (const [dependency, spec] of Object.entries(def.depends_on)) {
        if (!isJsonMap(spec) || spec.condition !== 'service_healthy') continue;
        const target = services[dependency];
        if (!isJsonMap(target) || hasHealthcheck(target, project, workspace)) continue;
        report(
          rangeAt(compose, ['services', name, 'depends_on', dependency, 'condition']),
          `"${dependency}" has no healthcheck${target.build === undefined ? ' in this project (its image may define one)' : ' (nor a HEALTHCHECK in its Dockerfile)'}: docker compose up fails waiting for it to be healthy.`,
        );
      }
    }
  },
};

function hasHealthcheck(service: { [key: string]: Json }, project: ComposeProject, workspace: Workspace): boolean {
  const check = service.healthcheck;
  if (isJsonMap(check)) {
    if (check.disable === true) return false;
    const test = check.test;
    if (Array.isArray(test) && test[0] === 'NONE') return false;
    if (test !== undefined) return true;
  }
  const build = typeof service.build === 'string' ? { context: service.build } : isJsonMap(service.build) ? service.build : undefined;
  if (!build) return false;
  if (typeof build.dockerfile_inline === 'string') return HEALTHCHECK.test(build.dockerfile_inline);
  const context = typeof build.context === 'string' ? build.context : '.';
  if (isRemoteContext(context)) return true;
  const dockerfile = path.resolve(project.dir, context, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
  const text = workspace.readFile(dockerfile);
  return text === undefined || HEALTHCHECK.test(text);
}

/**
 * A HEALTHCHECK instruction other than NONE. Blanks, not `\s`, around it: with /m, `^\s*` restarted at every
 * line of a run of blank lines re-scans the rest of the run (6.1 s per 40 kB measured).
 */
const HEALTHCHECK = /^[ \t]*HEALTHCHECK[ \t]+(?![ \t]|NONE\b)/im;
