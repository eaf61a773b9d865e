import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedChartProbe } from '../core/chart-probe';
import { finding, type Finding } from '../core/diagnostics';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { tooLargeFinding } from '../core/input-guard';
import { loadFile } from '../core/load';
import { FILE_NOT_READ_RULE } from '../core/read-guard';
import { normalizeSettings, type RuleLevel } from '../core/settings';
import type { SourceFile } from '../core/source';
import { FileWorkspace } from '../core/workspace';
import { lazyEngine } from '../engines/locate';
import { ChartRenders, ENGINE_MAX_HEAP_MB } from '../helm/renders';
import { buildRequest, outcomeFindings, rootKustomizations } from '../kustomize/build';
import { KustomizeBuilds } from '../kustomize/builds';
import { kustomizeGraph } from '../kustomize/graph';
import { createRegistry } from '../languages';
import { collectFiles } from './collect';
import { formatReport, type LintReport, type OutputFormat } from './report';
import { parseArgs, single, UsageError } from './usage';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
/** Enough of an oversized file to tell its kind. */
const DETECTION_BYTES = 64 * 1024;

export async function lintCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['format', 'kubernetes-version', 'rule', 'output', 'helm-values', 'helm-set', 'stack']);
  const format = (single(parsed, 'format') ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const version = single(parsed, 'kubernetes-version');
  if (version !== undefined && !/^v?\d+\.\d+$/.test(version)) throw new UsageError(`--kubernetes-version must look like 1.34, got '${version}'`);
  const rules: Record<string, RuleLevel> = {};
  for (const rule of parsed.options.get('rule') ?? []) {
    const match = /^([A-Za-z][\w-]*)=(off|info|warning|error)$/.exec(rule);
    if (!match) throw new UsageError(`--rule takes CODE=off|info|warning|error, got '${rule}'`);
    rules[match[1]] = match[2] as RuleLevel;
  }

  const helmValues = (parsed.options.get('helm-values') ?? []).map((file) => path.resolve(file));
  for (const file of helmValues) if (!fs.existsSync(file)) throw new UsageError(`--helm-values: no such file: ${file}`);
  const helmSet = parsed.options.get('helm-set') ?? [];
  for (const set of helmSet) if (!/^[^=]+=/.test(set)) throw new UsageError(`--helm-set takes KEY=VALUE (as helm --set), got '${set}'`);
  const helm = { values: helmValues.length ? { '*': helmValues } : {}, set: helmSet };
  // A values file named on the command line may be read wherever it is, as a linted file may.
  const roots = [...readRoots(parsed.positionals), ...helmValues.map((file) => path.dirname(file))];
  // --stack GLOB (repeatable): files checked as Swarm stacks whatever their name, like shipshape.swarm.stackFiles.
  const stackFiles = parsed.options.get('stack') ?? [];
  const report = await lint(collectFiles(parsed.positionals), { kubernetes: { version: version ?? 'auto' }, rules, helm, swarm: { stackFiles } }, roots);
  const output = formatReport(report, format);
  const target = single(parsed, 'output');
  if (target) fs.writeFileSync(target, output);
  else process.stdout.write(output);
  return report.files.some((file) => file.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

/**
 * Where the CLI may read: the working folder and the folders it was pointed at (files referenced from
 * there, such as a Compose include, stay inside them as they stay inside an editor's workspace).
 */
export function readRoots(args: readonly string[]): string[] {
  const roots = [process.cwd()];
  for (const arg of args) {
    const base = arg.split(/[*?[{]/, 1)[0] || '.';
    const resolved = path.resolve(base);
    roots.push(isDirectory(resolved) ? resolved : path.dirname(resolved));
  }
  return roots;
}

/**
 * Lints files with every language service; all files are indexed first so cross-file checks see them.
 * Every read (the named files themselves included) goes through the workspace's read guard.
 */
export async function lint(paths: readonly string[], rawSettings: unknown, roots: readonly string[] = readRoots(paths)): Promise<LintReport> {
  const settings = normalizeSettings(rawSettings);
  const probe = cachedChartProbe();
  const workspace = new FileWorkspace({ roots, extraRoots: settings.files.readableFolders });
  const registry = createRegistry();
  const loaded: { given: string; file: SourceFile | undefined; problem: Finding | undefined }[] = [];
  for (const given of paths) {
    const filePath = path.resolve(given);
    const result = workspace.read(filePath);
    if (result.ok) {
      const file = loadFile(filePath, result.text, settings, probe);
      if (!file) continue;
      loaded.push({ given, file, problem: undefined });
      workspace.setIndexed(file);
    } else if (result.reason === 'too-large') {
      // Its head is enough to tell whether it is a file Shipshape checks at all.
      const file = loadFile(filePath, readHead(filePath), settings, probe);
      if (file) loaded.push({ given, file, problem: tooLargeFinding(fs.statSync(filePath).size) });
    } else {
      loaded.push({ given, file: undefined, problem: notReadFinding(result.message) });
    }
  }
  // Charts render once each, with no debounce: every file of a chart reads the same render.
  const engine = lazyEngine(__dirname, { maxHeapMb: ENGINE_MAX_HEAP_MB });
  const ctx = { settings, workspace, helm: new ChartRenders({ engine: engine.get }) };
  const files: LintReport['files'] = [];
  try {
    for (const { given, file, problem } of loaded) {
      const diagnostics: Finding[] = problem ? [problem] : await registry.validate(file!, ctx);
      // In reading order: rules run one after another, each over the whole file.
      diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      // Reported as given on the command line, so output matches what the user typed.
      files.push({ path: given, kind: file?.kind ?? 'unread', diagnostics });
    }
    // Each root kustomization is built once; what its documents break is reported in the files that wrote them.
    const byPath = new Map(loaded.map(({ given }, i) => [path.resolve(given), files[i]]));
    const builds = new KustomizeBuilds({ engine: engine.get });
    const graph = kustomizeGraph(workspace, undefined);
    for (const root of rootKustomizations(loaded.flatMap(({ file, problem }) => (file && !problem ? [file] : [])))) {
      for (const [source, found] of outcomeFindings(await builds.build(buildRequest(root, ctx, graph)), ctx, graph)) {
        let entry = byPath.get(source);
        if (!entry) {
          entry = { path: path.relative(process.cwd(), source) || source, kind: 'kubernetes', diagnostics: [] };
          byPath.set(source, entry);
          files.push(entry);
        }
        const own = entry.diagnostics;
        // A base resource linted on its own already holds the same finding.
        for (const item of found) if (!own.some((d) => d.code === item.code && d.range.start.line === item.range.start.line)) own.push(item);
        own.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      }
    }
  } finally {
    engine.dispose();
  }
  return { files, rules: registry.rules };
}

function notReadFinding(message: string): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  // A file named on the command line that cannot be read fails the run.
  return finding(FILE_NOT_READ_RULE.id, 'error', range, `Not read: this file ${message}.`);
}

/** The first bytes of a file the guard has already judged regular and inside the roots. */
function readHead(filePath: string): string {
  const buffer = Buffer.alloc(DETECTION_BYTES);
  const fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    return buffer.toString('utf8', 0, fs.readSync(fd, buffer, 0, DETECTION_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectory(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}
