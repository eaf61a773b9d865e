import * as path from 'node:path';
import { stringify } from 'yaml';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { analyze } from './analysis';
import type { ComposeEnvironment } from './environment';

export interface EffectiveConfig {
  files: string[];
  source: 'settings' | 'COMPOSE_FILE' | 'default' | 'single';
  yaml: string;
}

const SOURCE_TEXT = {
  settings: 'shipshape.compose.files',
  COMPOSE_FILE: 'COMPOSE_FILE',
  default: 'compose file + override file',
  single: 'a single file',
};

/**
 * The values the project's files interpolate from the editor's own environment (a GITHUB_TOKEN the
 * editor was started with): never shown, whatever the files say. Values from the project's .env are
 * the repository's own and stay visible. Longest first, so a value containing another is masked whole.
 */
export function environmentSecrets(texts: readonly string[], env: ComposeEnvironment): [name: string, value: string][] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
  return [...names]
    .filter((n) => env.origin(n) === 'environment')
    .map((n): [string, string] => [n, env.lookup(n) ?? ''])
    .filter(([, v]) => v.length >= 3)
    .sort((a, b) => b[1].length - a[1].length);
}

/** `${NAME} (hidden)` in place of each environment value inside string values. */
export function maskValues(value: unknown, secrets: readonly [string, string][]): unknown {
  if (!secrets.length) return value;
  if (typeof value === 'string') return secrets.reduce((s, [name, v]) => s.split(v).join(`\${${name}} (from the environment, hidden)`), value);
  if (Array.isArray(value)) return value.map((v) => maskValues(v, secrets));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v, secrets)]));
  return value;
}

/** The merged, interpolated project of `file`, as YAML: what `docker compose config` would start from. */
export function effectiveConfig(file: SourceFile, ctx: ServiceContext): EffectiveConfig {
  const { project, compose } = analyze(file, ctx.settings, ctx.workspace);
  const texts = [file.text, ...[...project.files, ...project.included.map((d) => d.path)].map((f) => ctx.workspace.readFile(f) ?? '')];
  const merged = maskValues(project.merged, environmentSecrets(texts, compose.env));
  const relative = (f: string) => path.relative(project.dir, f) || path.basename(f);
  const header = [
    `# Effective configuration (read-only), merged from ${SOURCE_TEXT[project.source]}:`,
    ...project.files.map((f, i) => `#   ${i + 1}. ${relative(f)}`),
    ...project.included.map((d) => `#   include: ${relative(d.path)}`),
  ].join('\n');
  return { files: project.files, source: project.source, yaml: `${header}\n${stringify(merged, { lineWidth: 0, aliasDuplicateObjects: false })}` };
}
