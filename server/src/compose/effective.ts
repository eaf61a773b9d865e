import * as path from 'node:path';
import { stringify } from 'yaml';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { analyze } from './analysis';

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

/** The merged, interpolated project of `file`, as YAML: what `docker compose config` would start from. */
export function effectiveConfig(file: SourceFile, ctx: ServiceContext): EffectiveConfig {
  const { project } = analyze(file, ctx.settings, ctx.workspace);
  const relative = (f: string) => path.relative(project.dir, f) || path.basename(f);
  const header = [
    `# Effective configuration (read-only), merged from ${SOURCE_TEXT[project.source]}:`,
    ...project.files.map((f, i) => `#   ${i + 1}. ${relative(f)}`),
    ...project.included.map((d) => `#   include: ${relative(d.path)}`),
  ].join('\n');
  return { files: project.files, source: project.source, yaml: `${header}\n${stringify(project.merged, { lineWidth: 0, aliasDuplicateObjects: false })}` };
}
