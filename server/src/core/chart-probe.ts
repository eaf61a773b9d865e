import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChartProbe } from './detect';

/** A cached "is this folder a Helm chart" answer, so detection does one stat per folder, ever. */
export function cachedChartProbe(): ChartProbe & { forget(dir: string): void } {
  const known = new Map<string, boolean>();
  const probe = (dir: string): boolean => {
    let answer = known.get(dir);
    if (answer === undefined) {
      answer = fs.existsSync(path.join(dir, 'Chart.yaml'));
      known.set(dir, answer);
    }
    return answer;
  };
  return Object.assign(probe, { forget: (dir: string) => void known.delete(dir) });
}
