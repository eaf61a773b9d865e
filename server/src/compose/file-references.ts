import * as path from 'node:path';
import type { YamlPath } from '../yaml/parse';
import { isJsonMap, type ComposeDocument } from './document';
import { includePaths } from './project';
import { servicesOf } from './rule';

/** Remote contexts (git, https) are not on disk; everything else is resolved against the project folder. */
export function isRemoteContext(context: string): boolean {
  return /^(https?|git|ssh):\/\//.test(context) || context.startsWith('git@') || /\.git(#.*)?$/.test(context) || context.startsWith('github.com/');
}

/** A file this Compose file names, and where: what the read guard's refusals are reported against. */
export interface FileReference {
  /** Absolute path. */
  target: string;
  /** As written (for the message). */
  written: string;
  /** The YAML path of the value that names it. */
  at: YamlPath;
  what: string;
}

/** include, extends.file, env_file and build.dockerfile of this file, resolved as docker compose resolves them. */
export function fileReferences(compose: ComposeDocument, projectDir: string): FileReference[] {
  const dir = path.dirname(compose.path || '.');
  const out: FileReference[] = [];
  const include = compose.model.include;
  if (Array.isArray(include)) {
    include.forEach((entry, i) => {
      const list = typeof entry === 'string' ? [entry] : isJsonMap(entry) ? (Array.isArray(entry.path) ? entry.path : [entry.path]) : [];
      list.forEach((written, k) => {
        if (typeof written !== 'string') return;
        const [target] = includePaths([written], dir);
        if (!target) return;
        const at = typeof entry === 'string' ? ['include', i] : Array.isArray((entry as { path?: unknown }).path) ? ['include', i, 'path', k] : ['include', i, 'path'];
        out.push({ target, written, at, what: 'include' });
      });
    });
  }
  for (const [name, def] of servicesOf(compose)) {
    if (isJsonMap(def.extends) && typeof def.extends.file === 'string') {
      out.push({ target: path.resolve(dir, def.extends.file), written: def.extends.file, at: ['services', name, 'extends', 'file'], what: 'extends.file' });
    }
    const envFiles = typeof def.env_file === 'string' ? [def.env_file] : Array.isArray(def.env_file) ? def.env_file : [];
    envFiles.forEach((entry, i) => {
      const written = typeof entry === 'string' ? entry : isJsonMap(entry) && typeof entry.path === 'string' ? entry.path : undefined;
      if (!written) return;
      const at = typeof def.env_file === 'string' ? ['services', name, 'env_file'] : typeof entry === 'string' ? ['services', name, 'env_file', i] : ['services', name, 'env_file', i, 'path'];
      out.push({ target: path.resolve(projectDir, written), written, at, what: 'env_file' });
    });
    const build = isJsonMap(def.build) ? def.build : undefined;
    if (build && typeof build.dockerfile === 'string') {
      const context = typeof build.context === 'string' ? build.context : '.';
      if (!isRemoteContext(context)) {
        out.push({ target: path.resolve(projectDir, context, build.dockerfile), written: build.dockerfile, at: ['services', name, 'build', 'dockerfile'], what: 'build.dockerfile' });
      }
    }
  }
  return out;
}
