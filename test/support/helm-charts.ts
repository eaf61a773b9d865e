// The shared Helm charts (../shared/charts-and-overlays/helm) assembled into renderable copies: the
// folder holds charts side by side, not vendored into each other. Used by the helm oracle and the engine bench.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function copyChart(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

/** Removes dependencies from a temp copy's Chart.yaml (what the shared folder does not have). */
export function dropDependencies(chart: string, names: string[]): void {
  const file = path.join(chart, 'Chart.yaml');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)- name: (\S+)/.exec(lines[i]);
    if (m && names.includes(m[2])) {
      const indent = m[1].length;
      while (i + 1 < lines.length && (lines[i + 1].trim() === '' || lines[i + 1].search(/\S/) > indent) && !/^\s*- /.test(lines[i + 1])) i++;
      continue;
    }
    out.push(lines[i]);
  }
  fs.writeFileSync(file, out.join('\n'));
}

const pack = (helm: string, chart: string, into: string) => execFileSync(helm, ['package', chart, '-d', into], { stdio: 'ignore' });

/** prometheus with its four dependencies from the shared folder, two as folders and two packaged by helm. */
export function assemblePrometheus(shared: string, tmp: string, helm: string): string {
  const chart = copyChart(path.join(shared, 'prometheus'), path.join(tmp, 'prometheus'));
  fs.mkdirSync(path.join(chart, 'charts'), { recursive: true });
  copyChart(path.join(shared, 'alertmanager'), path.join(chart, 'charts', 'alertmanager'));
  copyChart(path.join(shared, 'kube-state-metrics'), path.join(chart, 'charts', 'kube-state-metrics'));
  for (const dep of ['prometheus-node-exporter', 'prometheus-pushgateway']) pack(helm, path.join(shared, dep), path.join(chart, 'charts'));
  return chart;
}

/** kube-prometheus-stack with kube-state-metrics and node-exporter packaged from the shared folder;
 * grafana and windows-exporter, which the folder does not have, are removed from the copy's Chart.yaml. */
export function assembleKubePrometheusStack(shared: string, tmp: string, helm: string): string {
  const chart = copyChart(path.join(shared, 'kube-prometheus-stack'), path.join(tmp, 'kube-prometheus-stack'));
  for (const dep of ['kube-state-metrics', 'prometheus-node-exporter']) pack(helm, path.join(shared, dep), path.join(chart, 'charts'));
  dropDependencies(chart, ['grafana', 'prometheus-windows-exporter']);
  return chart;
}
