import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachedChartProbe } from '../core/chart-probe';
import type { Finding } from '../core/diagnostics';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { MAX_CHECKED_BYTES, tooLargeFinding } from '../core/input-guard';
import { loadFile } from '../core/load';
import { normalizeSettings, type RuleLevel } from '../core/settings';
import type { SourceFile } from '../core/source';
import { FileWorkspace } from '../core/workspace';
import { createRegistry } from '../languages';
import { collectFiles } from './collect';
import { formatReport, type LintReport, type OutputFormat } from './report';
import { parseArgs, single, UsageError } from './usage';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
/** Enough of an oversized file to tell its kind. */
const DETECTION_BYTES = 64 * 1024;

export async function lintCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['format', 'kubernetes-version', 'rule', 'output']);
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

  const report = await lint(collectFiles(parsed.positionals), { kubernetes: { version: version ?? 'auto' }, rules });
  const output = formatReport(report, format);
  const target = single(parsed, 'output');
  if (target) fs.writeFileSync(target, output);
  else process.stdout.write(output);
  return report.files.some((file) => file.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

/** Lints files with every language service; all files are indexed first so cross-file checks see them. */
export async function lint(paths: readonly string[], rawSettings: unknown): Promise<LintReport> {
  const settings = normalizeSettings(rawSettings);
  const probe = cachedChartProbe();
  const workspace = new FileWorkspace();
  const registry = createRegistry();
  const loaded: { given: string; file: SourceFile; oversized: number | undefined }[] = [];
  for (const given of paths) {
    const { text, oversized } = readForLint(given);
    const file = loadFile(path.resolve(given), text, settings, probe);
    if (!file) continue;
    loaded.push({ given, file, oversized });
    if (oversized === undefined) workspace.setIndexed(file);
  }
  const ctx = { settings, workspace };
  const files: LintReport['files'] = [];
  for (const { given, file, oversized } of loaded) {
    const diagnostics: Finding[] = oversized !== undefined ? [tooLargeFinding(oversized)] : await registry.validate(file, ctx);
    // In reading order: rules run one after another, each over the whole file.
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    // Reported as given on the command line, so output matches what the user typed.
    files.push({ path: given, kind: file.kind, diagnostics });
  }
  return { files, rules: registry.rules };
}

/** The text, or for an oversized file its head (enough to tell its kind) and its size in bytes. */
function readForLint(filePath: string): { text: string; oversized?: number } {
  const size = fs.statSync(filePath).size;
  if (size <= MAX_CHECKED_BYTES) return { text: fs.readFileSync(filePath, 'utf8') };
  const buffer = Buffer.alloc(DETECTION_BYTES);
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, buffer, 0, DETECTION_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  return { text: buffer.toString('utf8'), oversized: size };
}
