// What **Choose Values Files…** writes, as data (no `vscode`, so the unit tests hold it): the
// shipshape.helm.valueFiles entry of a chart (the server names the chart: shipshape/helmChart) as the language
// server reads it (server/src/helm/chart.ts: keys are chart folders relative to the workspace folder, files
// relative to the chart).
import * as path from 'node:path';

/** The setting's key for a chart: its folder relative to the workspace folder (forward slashes), "*" for the folder itself. */
export function chartKey(chart: string, workspaceFolder: string): string {
  const relative = path.relative(workspaceFolder, chart);
  if (relative === '') return '*';
  return relative.startsWith('..') || path.isAbsolute(relative) ? chart : relative.split(path.sep).join('/');
}

/** The setting with this chart's files replaced (none chosen: its entry goes). */
export function withChartValues(current: Readonly<Record<string, readonly string[]>>, key: string, files: readonly string[]): Record<string, string[]> {
  const next: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(current)) if (k !== key) next[k] = [...v];
  if (files.length) next[key] = [...files];
  return next;
}

/** The values files a chart offers besides values.yaml (which Helm always reads), relative to the chart. */
export function valuesCandidates(chart: string, files: readonly string[]): string[] {
  return files
    .map((file) => path.relative(chart, file).split(path.sep).join('/'))
    .filter((rel) => rel !== 'values.yaml' && /^(?:values[^/]*|ci\/[^/]+)\.ya?ml$/i.test(rel))
    .sort();
}
