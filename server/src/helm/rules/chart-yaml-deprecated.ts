import * as path from 'node:path';
import { CHART_FIELDS } from '../chart-yaml';
import { chartRange, type HelmRule } from '../rule';

export const chartYamlDeprecatedRule: HelmRule = {
  id: 'HelmChartYamlDeprecated',
  severity: 'warning',
  doc: "Chart.yaml uses what only Helm 2 read (`engine`, `tillerVersion`) or what belongs on a parent's dependency (`condition`, `tags`), or an apiVersion v2 chart keeps its dependencies in requirements.yaml / requirements.lock.",
  appliesTo: 'chart-yaml',
  check(ctx) {
    const chart = ctx.chart;
    if (!chart) return;
    for (const [key, field] of Object.entries(CHART_FIELDS)) if (field.deprecated && key in chart) ctx.report(chartRange(ctx, [key], 'key'), field.deprecated);
    if (chart.apiVersion !== 'v2') return;
    for (const [file, instead] of [
      ['requirements.yaml', 'dependencies in Chart.yaml'],
      ['requirements.lock', 'Chart.lock'],
    ]) {
      if (ctx.workspace.exists(path.join(ctx.folder, file!))) {
        ctx.report(chartRange(ctx, ['apiVersion']), `${file} is Helm 2's: since apiVersion v2 Helm expects ${instead} (it still reads ${file}, with a warning). Move it and delete ${file}.`);
      }
    }
  },
};
