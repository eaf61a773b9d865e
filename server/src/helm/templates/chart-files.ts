// The files of a chart that template features read, through ctx.workspace (the editor's unsaved text first):
// every template of the chart and of its subchart folders, and the values files that feed them.
import * as path from 'node:path';
import type { Workspace } from '../../core/workspace';
import { scanActions, type Action } from './scan';

export interface TemplateFile {
  path: string;
  text: string;
  actions: Action[];
}

/** A chart tree is bounded as Helm's own chart limits bound it: a hostile one is not walked forever. */
const MAX_TEMPLATE_FILES = 2000;
const MAX_DEPTH = 8;

/** Scans are reused while a file's text is the same. */
const scans = new Map<string, { text: string; actions: Action[] }>();

export function scanned(filePath: string, text: string): Action[] {
  const cached = scans.get(filePath);
  if (cached?.text === text) return cached.actions;
  const actions = scanActions(text);
  if (scans.size > MAX_TEMPLATE_FILES) scans.clear();
  scans.set(filePath, { text, actions });
  return actions;
}

/** The chart folders of a tree: the chart and every subchart folder under charts/, depth first. */
export function chartFolders(root: string, workspace: Workspace, depth = 0): string[] {
  const out = [root];
  if (depth >= MAX_DEPTH) return out;
  const charts = path.join(root, 'charts');
  for (const name of workspace.list(charts)) {
    const sub = path.join(charts, name);
    if (workspace.exists(path.join(sub, 'Chart.yaml'))) out.push(...chartFolders(sub, workspace, depth + 1));
  }
  return out;
}

/** Whether a chart tree has a packed (.tgz) subchart, whose templates are not read here. */
export function hasPackedSubchart(root: string, workspace: Workspace): boolean {
  return chartFolders(root, workspace).some((chart) => workspace.list(path.join(chart, 'charts')).some((name) => name.endsWith('.tgz')));
}

/** Every template (any file under templates/, as Helm renders them all) of the chart tree. */
export function templateFiles(root: string, workspace: Workspace): TemplateFile[] {
  const out: TemplateFile[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of workspace.list(dir)) {
      if (out.length >= MAX_TEMPLATE_FILES) return;
      const full = path.join(dir, name);
      if (workspace.isDirectory(full)) {
        if (depth < MAX_DEPTH) walk(full, depth + 1);
        continue;
      }
      const text = workspace.readFile(full);
      if (text !== undefined) out.push({ path: full, text, actions: scanned(full, text) });
    }
  };
  for (const chart of chartFolders(root, workspace)) walk(path.join(chart, 'templates'), 0);
  return out;
}

/** The charts' other text files (not templates/, not charts/), which `tpl (.Files.Get …)` may render. */
export function textFiles(charts: readonly string[], workspace: Workspace): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of workspace.list(dir)) {
      if (out.length >= MAX_TEMPLATE_FILES) return;
      const full = path.join(dir, name);
      if (workspace.isDirectory(full)) {
        if (depth < MAX_DEPTH && !(depth === 0 && (name === 'templates' || name === 'charts')) && !name.startsWith('.')) walk(full, depth + 1);
        continue;
      }
      const text = workspace.readFile(full);
      if (text?.includes('{{')) out.push({ path: full, text });
    }
  };
  for (const chart of charts) walk(chart, 0);
  return out;
}
