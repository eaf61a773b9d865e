// Where a template's names come from: the chart it belongs to (the nearest Chart.yaml), the tree it renders in
// (the outermost chart, whose values reach a subchart under the subchart's name), the values files that feed
// its .Values, and the templates whose defines it may include.
import * as path from 'node:path';
import type { ServiceContext } from '../../core/language';
import { chartRootOf, valueFilesFor } from '../chart';
import { templateFiles, type TemplateFile } from './chart-files';
import { valuesName } from './chart-names';
import { valuesFile, type ValuesFile, type ValuesKey } from './values';

/** A values file feeding a chart: its entry `prefix.a.b` is the chart's `.Values.a.b`. */
export interface ValuesSource {
  file: ValuesFile;
  prefix: string[];
  /** Whether it is one of the files `shipshape.helm.valueFiles` chooses (else a chart's values.yaml). */
  chosen: boolean;
}

export interface ChartModel {
  /** The chart the file belongs to. */
  own: string;
  /** The chart it renders in. */
  root: string;
  /** Lowest priority first, as Helm merges them: the own values.yaml, parents' values.yaml, chosen files. */
  sources: ValuesSource[];
  /** Every template of the tree, read once per request. */
  templates(): TemplateFile[];
}

export function ownChartOf(filePath: string, ctx: ServiceContext): string | undefined {
  for (let dir = path.dirname(filePath); ; dir = path.dirname(dir)) {
    if (ctx.workspace.exists(path.join(dir, 'Chart.yaml'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function chartModel(filePath: string, ctx: ServiceContext): ChartModel | undefined {
  if (!filePath) return undefined;
  const own = ownChartOf(filePath, ctx);
  const root = own && chartRootOf(filePath, (dir) => ctx.workspace.exists(path.join(dir, 'Chart.yaml')));
  if (!own || !root) return undefined;
  const sources: ValuesSource[] = [];
  const add = (file: string, prefix: string[], chosen: boolean) => {
    const text = ctx.workspace.readFile(file);
    if (text !== undefined) sources.push({ file: valuesFile(file, text), prefix, chosen });
  };
  // Up from the own chart: each parent's values.yaml holds this chart's under its name.
  const prefix: string[] = [];
  for (let chart = own; ; ) {
    add(path.join(chart, 'values.yaml'), [...prefix], false);
    if (chart === root) break;
    prefix.unshift(valuesName(chart, ctx));
    chart = path.dirname(path.dirname(chart));
  }
  for (const file of valueFilesFor(root, ctx.settings.helm.valueFiles)) add(file, [...prefix], true);
  let templates: TemplateFile[] | undefined;
  return { own, root, sources, templates: () => (templates ??= templateFiles(root, ctx.workspace)) };
}

/** The entries at a .Values path in each source (highest priority last). */
export function valuesAt(model: ChartModel, keys: readonly string[]): { source: ValuesSource; entry: ValuesKey }[] {
  const out: { source: ValuesSource; entry: ValuesKey }[] = [];
  for (const source of model.sources) {
    const entry = source.file.byPath.get([...source.prefix, ...keys].join('.'));
    if (entry) out.push({ source, entry });
  }
  return out;
}

/** The keys one level below a .Values path, across the sources, first place of each. */
export function valuesChildren(model: ChartModel, keys: readonly string[]): Map<string, { source: ValuesSource; entry: ValuesKey }[]> {
  const out = new Map<string, { source: ValuesSource; entry: ValuesKey }[]>();
  for (const source of model.sources) {
    const full = [...source.prefix, ...keys];
    for (const entry of source.file.entries) {
      if (entry.keys.length !== full.length + 1 || !full.every((k, i) => entry.keys[i] === k)) continue;
      const name = entry.keys[full.length]!;
      out.set(name, [...(out.get(name) ?? []), { source, entry }]);
    }
  }
  return out;
}
