import * as path from 'node:path';
import type { ChartProbe } from '../core/detect';

/**
 * The chart Helm renders a file as part of: the nearest folder up the tree with a Chart.yaml, then, while
 * that chart sits in a parent chart's charts/ folder, the parent (a vendored subchart renders inside its
 * parent, with the parent's values). Undefined for a file of no chart.
 */
export function chartRootOf(filePath: string, isChart: ChartProbe): string | undefined {
  let dir = path.dirname(filePath);
  let own: string | undefined;
  for (;;) {
    if (isChart(dir)) {
      own = dir;
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  for (;;) {
    const charts = path.dirname(own);
    const parent = path.dirname(charts);
    if (path.basename(charts) !== 'charts' || parent === charts || !isChart(parent)) return own;
    own = parent;
  }
}

/** Whether a path is inside (or is) a folder. */
export function isInside(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The extra values files `shipshape.helm.valueFiles` names for a chart: keys are chart folders (absolute, or
 * relative to the workspace folder, matched as a suffix of the chart's path; "*" for every chart), values files relative to the
 * chart folder (or absolute), applied in order after the chart's values.yaml, as `helm -f` applies them.
 */
export function valueFilesFor(chartRoot: string, configured: Readonly<Record<string, readonly string[]>>): string[] {
  const out: string[] = [];
  for (const [key, files] of Object.entries(configured)) {
    const folder = key.replace(/[\\/]+$/, '');
    const matches = path.isAbsolute(folder) ? path.resolve(folder) === chartRoot : folder === '*' || chartRoot.endsWith(path.sep + path.normalize(folder));
    if (!matches) continue;
    for (const file of files) out.push(path.resolve(chartRoot, file));
  }
  return out;
}
