// Which keys of a chart's values.yaml no template reads, told conservatively: a read of a key reads all of it
// (`toYaml .Values.resources`), a bare `.Values` (`index .Values "x"`, `toYaml .Values`) reads everything, a read
// anywhere in the tree counts for every chart of it (a library's template reads its caller's values), and what
// cannot be seen (a packed subchart, a dependency not under charts/, `global`) is never called unread.
import * as path from 'node:path';
import type { ServiceContext } from '../../core/language';
import { chartFolders, hasPackedSubchart, scanned, textFiles } from './chart-files';
import type { ChartModel } from './model';
import { scanActions, valuesReads } from './scan';
import { chartYaml, prefixOf } from './chart-names';
import { treeValues } from './tree';
import type { ValuesKey } from './values';

/** The unread keys of a chart's values.yaml (the outermost of each unread subtree), or undefined when that cannot be told. */
export function unreadValues(valuesPath: string, model: ChartModel, ctx: ServiceContext): ValuesKey[] | undefined {
  if (path.dirname(valuesPath) !== model.own || path.basename(valuesPath) !== 'values.yaml') return undefined;
  const templates = model.templates();
  if (!templates.length || hasPackedSubchart(model.root, ctx.workspace)) return undefined;
  const charts = chartFolders(model.root, ctx.workspace);
  const prefixes = charts.map((chart) => prefixOf(chart, model.root, ctx));
  const read = new Set<string>();
  const under = new Set<string>();
  let everything = false;
  const addRead = (keys: readonly string[]) => {
    // A trailing "" is "…Values.a." while typing: a read of a.
    const clean = keys.at(-1) === '' ? keys.slice(0, -1) : keys;
    if (!clean.length) {
      everything = true;
      return;
    }
    for (const prefix of [[], ...prefixes]) {
      const full = [...prefix, ...clean];
      read.add(full.join('.'));
      for (let i = 1; i < full.length; i++) under.add(full.slice(0, i).join('.'));
    }
  };
  let tplFiles = false;
  for (const file of templates) {
    for (const keys of valuesReads(file.actions)) addRead(keys);
    for (const action of file.actions) {
      if (action.tokens.some((t) => t.kind === 'identifier' && t.text === 'tpl') && action.tokens.some((t) => /^\$?\.Files\b/.test(t.text) || t.text === 'Files')) tplFiles = true;
    }
  }
  // Values that are templates themselves (rendered with `tpl`) read values too.
  for (const values of treeValues(model, ctx)) for (const keys of valuesReads(scanned(values.file.path, values.file.text))) addRead(keys);
  // Files rendered with `tpl (.Files.Get …)`: any of the charts' files may read values.
  if (tplFiles) for (const file of textFiles(charts, ctx.workspace)) for (const keys of valuesReads(scanActions(file.text))) addRead(keys);
  if (everything) return [];
  const dependencies = ownDependencies(model, ctx, addRead);
  // A library chart's values are its callers' business.
  if (!dependencies) return undefined;
  const skipped = new Set(['global', ...dependencies]);
  const own = treeValues(model, ctx).find((v) => v.file.path === valuesPath);
  if (!own) return undefined;
  const out: ValuesKey[] = [];
  let unreadPrefix: string | undefined;
  for (const entry of own.file.entries) {
    const keys = [...own.prefix, ...entry.keys];
    const dotted = keys.join('.');
    if (unreadPrefix !== undefined && dotted.startsWith(`${unreadPrefix}.`)) continue;
    unreadPrefix = undefined;
    if (skipped.has(entry.keys[0]!)) continue;
    const isRead = under.has(dotted) || keys.some((_, i) => read.has(keys.slice(0, i + 1).join('.')));
    if (isRead) continue;
    out.push(entry);
    unreadPrefix = dotted;
  }
  return out;
}

/**
 * The own chart's dependencies: their `condition` paths and `tags` are read by Helm itself; their names and
 * aliases are the subcharts' values (read by templates this tree may not hold: a dependency not built yet).
 * Undefined for a library chart.
 */
function ownDependencies(model: ChartModel, ctx: ServiceContext, addRead: (keys: string[]) => void): string[] | undefined {
  const chart = chartYaml(model.own, ctx);
  if (chart?.type === 'library') return undefined;
  const names: string[] = [];
  const dependencies = Array.isArray(chart?.dependencies) ? (chart.dependencies as Record<string, unknown>[]) : [];
  for (const dep of dependencies) {
    if (typeof dep?.name === 'string') names.push(dep.name);
    if (typeof dep?.alias === 'string') names.push(dep.alias);
    if (typeof dep?.condition === 'string') for (const c of dep.condition.split(',')) addRead(c.trim().split('.'));
    if (Array.isArray(dep?.tags)) for (const tag of dep.tags) if (typeof tag === 'string') addRead(['tags', tag]);
  }
  return names;
}
