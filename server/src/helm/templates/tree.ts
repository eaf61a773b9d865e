// A chart tree in one set of coordinates, the outermost chart's values: a subchart's `.Values.x` is the
// parent's `<sub>.x` (globals are everyone's `global.x`). References, rename and unused values work here.
import * as path from 'node:path';
import type { ServiceContext } from '../../core/language';
import { valueFilesFor } from '../chart';
import { chartFolders, type TemplateFile } from './chart-files';
import type { ChartModel } from './model';
import { ownChartOf } from './model';
import { valuesRefs, type ValuesRef } from './scan';
import { prefixOf } from './chart-names';
import { valuesFile, type ValuesFile } from './values';

export interface TreeValues {
  file: ValuesFile;
  /** The chart whose values.yaml it is (the root for chosen files). */
  chart: string;
  prefix: string[];
}

export interface TreeRead {
  file: TemplateFile;
  ref: ValuesRef;
  /** The path in the root's coordinates. */
  keys: string[];
}

/** Every values.yaml of the tree and the chosen values files. */
export function treeValues(model: ChartModel, ctx: ServiceContext): TreeValues[] {
  const out: TreeValues[] = [];
  const add = (file: string, chart: string, prefix: string[]) => {
    const text = ctx.workspace.readFile(file);
    if (text !== undefined) out.push({ file: valuesFile(file, text), chart, prefix });
  };
  for (const chart of chartFolders(model.root, ctx.workspace)) add(path.join(chart, 'values.yaml'), chart, prefixOf(chart, model.root, ctx));
  for (const file of valueFilesFor(model.root, ctx.settings.helm.valueFiles)) add(file, model.root, []);
  return out;
}

/** Every .Values read of the tree's templates, in root coordinates. */
export function treeReads(model: ChartModel, ctx: ServiceContext): TreeRead[] {
  const prefixes = new Map<string, string[]>();
  const out: TreeRead[] = [];
  for (const file of model.templates()) {
    const own = ownChartOf(file.path, ctx) ?? model.root;
    let prefix = prefixes.get(own);
    if (!prefix) prefixes.set(own, (prefix = prefixOf(own, model.root, ctx)));
    for (const ref of valuesRefs(file.actions)) out.push({ file, ref, keys: rootKeys(prefix, ref.keys) });
  }
  return out;
}

/** A chart's .Values path in root coordinates. */
export function rootKeys(prefix: readonly string[], keys: readonly string[]): string[] {
  return keys[0] === 'global' ? [...keys] : [...prefix, ...keys];
}

export function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= keys.length && prefix.every((k, i) => keys[i] === k);
}
