import { isLooseSemver, isSemver2 } from '../chart-yaml';
import { chartRange, type HelmRule } from '../rule';

export const chartYamlVersionRule: HelmRule = {
  id: 'HelmChartYamlVersion',
  severity: 'warning',
  doc: "The chart's `version` is one Helm accepts but not a SemVer 2 version (`1.2`, `v1.2.3`, leading zeros): repositories and `helm package` expect `MAJOR.MINOR.PATCH`.",
  appliesTo: 'chart-yaml',
  check(ctx) {
    const value = ctx.chart?.version;
    // A missing or unparseable version is Helm's own load error (HelmChartLoad), on the same line.
    if (value === undefined || value === null) return;
    const text = String(value);
    if (typeof value !== 'string') {
      ctx.report(chartRange(ctx, ['version']), `version ${text} is a YAML ${typeof value}: quote it ("${text}") so it stays the version written.`);
    } else if (isLooseSemver(text) && !isSemver2(text)) {
      ctx.report(chartRange(ctx, ['version']), `version "${text}" is not a SemVer 2 version (MAJOR.MINOR.PATCH, e.g. 1.2.3); Helm reads it as ${normalized(text)}.`);
    }
  },
};

/** The version Masterminds' semver makes of a loose one. */
function normalized(text: string): string {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(text)!;
  return `${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}${m[4]}`;
}
