import { chartRange, type HelmRule } from '../rule';

export const chartYamlApiVersionRule: HelmRule = {
  id: 'HelmChartYamlApiVersion',
  severity: 'error',
  doc: 'Chart.yaml has no `apiVersion`, or one Helm does not know (`v2`, or `v1` for Helm 2 charts).',
  appliesTo: 'chart-yaml',
  check(ctx) {
    const value = ctx.chart?.apiVersion;
    if (value === undefined || value === null || value === '') {
      ctx.report(chartRange(ctx, []), 'Chart.yaml has no apiVersion: add `apiVersion: v2` (Helm loads a chart without one as a Helm 2 `v1` chart).');
    } else if (value !== 'v1' && value !== 'v2') {
      ctx.report(chartRange(ctx, ['apiVersion']), `apiVersion ${JSON.stringify(value)} is not a chart API version: Helm knows \`v2\` (and \`v1\`, Helm 2's).`);
    }
  },
};
