// How a chart tree names its charts: where a subchart's values sit in its parent's, and Chart.yaml's fields.
import * as path from 'node:path';
import type { ServiceContext } from '../../core/language';
import { parseYaml } from '../../yaml/parse';

/** The names from the root down to a chart of its tree (a subchart's values live under them). */
export function prefixOf(chart: string, root: string, ctx: ServiceContext): string[] {
  const names: string[] = [];
  for (let c = chart; c !== root && path.dirname(c) !== c; c = path.dirname(path.dirname(c))) names.unshift(valuesName(c, ctx));
  return names;
}

/**
 * The key a subchart's values have in its parent's: the alias of the parent's dependency on it, else its
 * Chart.yaml name, else its folder's.
 */
export function valuesName(chart: string, ctx: ServiceContext): string {
  const name = chartYaml(chart, ctx)?.name;
  const own = typeof name === 'string' ? name : path.basename(chart);
  const dependencies = chartYaml(path.dirname(path.dirname(chart)), ctx)?.dependencies;
  for (const dep of Array.isArray(dependencies) ? (dependencies as Record<string, unknown>[]) : []) {
    if (dep?.name === own && typeof dep.alias === 'string') return dep.alias;
  }
  return own;
}

/** Parsed once per text: every request of a tree asks for its charts' Chart.yaml again. */
const parsed = new Map<string, { text: string; value: Record<string, unknown> | undefined }>();

/** A chart's Chart.yaml as a plain value (undefined when unreadable or not a mapping). */
export function chartYaml(chart: string, ctx: ServiceContext): Record<string, unknown> | undefined {
  const file = path.join(chart, 'Chart.yaml');
  const text = ctx.workspace.readFile(file);
  if (text === undefined) return undefined;
  const cached = parsed.get(file);
  if (cached?.text === text) return cached.value;
  const value: unknown = parseYaml(text).documents[0]?.toJS();
  const plain = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (parsed.size > 200) parsed.clear();
  parsed.set(file, { text, value: plain });
  return plain;
}
