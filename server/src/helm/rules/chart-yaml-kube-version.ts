import { constraintError } from '../chart-yaml';
import { chartRange, type HelmRule } from '../rule';

export const chartYamlKubeVersionRule: HelmRule = {
  id: 'HelmChartYamlKubeVersion',
  severity: 'error',
  doc: "The chart's `kubeVersion` is not a SemVer range Helm can parse, so Helm refuses every Kubernetes version.",
  appliesTo: 'chart-yaml',
  check(ctx) {
    const value = ctx.chart?.kubeVersion;
    if (value === undefined || value === null) return;
    const why = typeof value === 'string' ? constraintError(value) : `it is a YAML ${typeof value}, not a string`;
    if (why) ctx.report(chartRange(ctx, ['kubeVersion']), `kubeVersion ${JSON.stringify(value)} is not a SemVer range (${why}), e.g. ">=1.28.0-0"; Helm refuses to render the chart for any Kubernetes version.`);
  },
};
