import { closest } from '../../core/suggest';
import { CHART_FIELDS, DEPENDENCY_FIELDS, MAINTAINER_FIELDS, type ChartField } from '../chart-yaml';
import { chartRange, type HelmRule, type HelmRuleContext } from '../rule';

export const chartYamlUnknownFieldRule: HelmRule = {
  id: 'HelmChartYamlUnknownField',
  severity: 'warning',
  doc: 'Chart.yaml, a dependency or a maintainer has a field Helm does not know; Helm ignores it silently (often a misspelt `dependencies` or `appVersion`).',
  appliesTo: 'chart-yaml',
  check(ctx) {
    const chart = ctx.chart;
    if (!chart) return;
    unknown(ctx, chart, [], CHART_FIELDS, 'Chart.yaml');
    for (const [list, fields, what] of [
      ['dependencies', DEPENDENCY_FIELDS, 'a dependency'],
      ['maintainers', MAINTAINER_FIELDS, 'a maintainer'],
    ] as const) {
      const items = chart[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, i) => {
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) unknown(ctx, item as Record<string, unknown>, [list, i], fields, what);
      });
    }
  },
};

function unknown(ctx: HelmRuleContext, map: Record<string, unknown>, at: (string | number)[], fields: Readonly<Record<string, ChartField>>, what: string): void {
  for (const key of Object.keys(map)) {
    if (key in fields) continue;
    const near = closest(key, Object.keys(fields));
    ctx.report(chartRange(ctx, [...at, key], 'key'), `Helm does not know the field \`${key}\` of ${what} and ignores it${near ? `: did you mean \`${near}\`?` : '.'}`);
  }
}
