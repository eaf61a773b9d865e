import { constraintError } from '../chart-yaml';
import { chartRange, type HelmRule } from '../rule';

export const chartYamlDependencyRule: HelmRule = {
  id: 'HelmChartYamlDependency',
  severity: 'error',
  doc: 'A dependency in Chart.yaml Helm cannot use: no `name`, a `version` that is not a SemVer range, a `condition` that is not a string, `tags` or `import-values` that are not lists.',
  appliesTo: 'chart-yaml',
  check(ctx) {
    const dependencies = ctx.chart?.dependencies;
    if (dependencies === undefined || dependencies === null) return;
    if (!Array.isArray(dependencies)) {
      ctx.report(chartRange(ctx, ['dependencies']), 'dependencies must be a list of charts (`- name: …`).');
      return;
    }
    dependencies.forEach((dependency: unknown, i) => {
      const at = ['dependencies', i];
      if (typeof dependency !== 'object' || dependency === null || Array.isArray(dependency)) {
        ctx.report(chartRange(ctx, at), 'A dependency must be a mapping with at least `name`, `version` and `repository`.');
        return;
      }
      const d = dependency as Record<string, unknown>;
      if (typeof d.name !== 'string' || !d.name) ctx.report(chartRange(ctx, at, 'key'), 'This dependency has no name: Helm looks it up under charts/ by name.');
      if (d.version !== undefined && d.version !== null) {
        const why = typeof d.version === 'string' ? constraintError(d.version) : undefined;
        if (why) ctx.report(chartRange(ctx, [...at, 'version']), `version ${JSON.stringify(d.version)} is not a SemVer range (${why}), e.g. "~1.2.0" or "^2".`);
      }
      if (d.repository !== undefined && d.repository !== null && typeof d.repository !== 'string') ctx.report(chartRange(ctx, [...at, 'repository']), 'repository must be a string (a URL, `@alias` or `file://…`).');
      if (d.condition !== undefined && d.condition !== null && typeof d.condition !== 'string') {
        ctx.report(chartRange(ctx, [...at, 'condition']), 'condition must be a string of comma-separated values paths (`redis.enabled`).');
      }
      if (d.tags !== undefined && d.tags !== null && !(Array.isArray(d.tags) && d.tags.every((t) => typeof t === 'string'))) ctx.report(chartRange(ctx, [...at, 'tags']), 'tags must be a list of strings.');
      if (d['import-values'] !== undefined && d['import-values'] !== null && !Array.isArray(d['import-values'])) {
        ctx.report(chartRange(ctx, [...at, 'import-values']), 'import-values must be a list: child export names, or `{child: …, parent: …}` mappings.');
      }
    });
  },
};
