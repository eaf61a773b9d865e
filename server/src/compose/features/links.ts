import * as path from 'node:path';
import type { DocumentLink } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import { pathToUri, type SourceFile } from '../../core/source';
import type { YamlPath } from '../../yaml/parse';
import { analyze } from '../analysis';
import { isJsonMap } from '../document';
import { includePaths } from '../project';
import { rangeAt, servicesOf } from '../rule';
import { isRemoteContext } from '../file-references';

/** Links to the files a Compose file names: build context → its Dockerfile, env_file, secret/config files, extends.file, include. */
export function composeLinks(file: SourceFile, ctx: ServiceContext): DocumentLink[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const dir = path.dirname(file.path || '.');
  const links: DocumentLink[] = [];
  const link = (at: YamlPath, target: string) => {
    if (!ctx.workspace.exists(target)) return;
    links.push({ range: rangeAt(compose, at), target: pathToUri(target), tooltip: target });
  };
  for (const [name, def] of servicesOf(compose)) {
    const build = typeof def.build === 'string' ? { context: def.build } : isJsonMap(def.build) ? def.build : undefined;
    if (build) {
      const context = typeof build.context === 'string' ? build.context : '.';
      if (!isRemoteContext(context)) {
        const contextDir = path.resolve(project.dir, context);
        const dockerfile = path.resolve(contextDir, typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile');
        link(typeof def.build === 'string' ? ['services', name, 'build'] : typeof build.dockerfile === 'string' ? ['services', name, 'build', 'dockerfile'] : ['services', name, 'build', 'context'], dockerfile);
      }
    }
    const envFiles = typeof def.env_file === 'string' ? [def.env_file] : Array.isArray(def.env_file) ? def.env_file : [];
    envFiles.forEach((entry, i) => {
      const relative = typeof entry === 'string' ? entry : isJsonMap(entry) && typeof entry.path === 'string' ? entry.path : undefined;
      const at: YamlPath = typeof def.env_file === 'string' ? ['services', name, 'env_file'] : typeof entry === 'string' ? ['services', name, 'env_file', i] : ['services', name, 'env_file', i, 'path'];
      if (relative) link(at, path.resolve(project.dir, relative));
    });
    if (isJsonMap(def.extends) && typeof def.extends.file === 'string') link(['services', name, 'extends', 'file'], path.resolve(dir, def.extends.file));
  }
  for (const kind of ['secrets', 'configs'] as const) {
    const section = compose.model[kind];
    if (!isJsonMap(section)) continue;
    for (const [name, def] of Object.entries(section)) if (isJsonMap(def) && typeof def.file === 'string') link([kind, name, 'file'], path.resolve(project.dir, def.file));
  }
  const include = compose.model.include;
  if (Array.isArray(include))
    include.forEach((entry, i) => {
      const [target] = includePaths([entry], dir);
      if (target) link(typeof entry === 'string' ? ['include', i] : Array.isArray(isJsonMap(entry) ? entry.path : undefined) ? ['include', i, 'path', 0] : ['include', i, 'path'], target);
    });
  return links;
}
