import * as path from 'node:path';
import type { Settings } from '../core/settings';
import type { Workspace } from '../core/workspace';
import { composeDocument, isJsonMap, type ComposeDocument, type Json, type JsonMap } from './document';
import { mergeModels, originsOf } from './merge';
import { hasOwn, setOwn } from '../core/own';

export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
export const RESOURCE_KINDS = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The project a file belongs to, merged the way `docker compose` merges it. */
export interface ComposeProject {
  dir: string;
  /** Files in merge order (the -f list, COMPOSE_FILE, or compose.yaml + compose.override.yaml). */
  files: string[];
  /** How the list was chosen, for the effective-configuration view. */
  source: 'settings' | 'COMPOSE_FILE' | 'default' | 'single';
  documents: ComposeDocument[];
  /** Files pulled in by `include:` (their resources are part of the project). */
  included: ComposeDocument[];
  merged: JsonMap;
  /** Dotted path (services.web.image) → files that set it, in merge order. */
  origins: Map<string, string[]>;
  /** Names declared at top level in any file of the project. */
  names: Record<ResourceKind, Set<string>>;
}

/** COMPOSE_FILE and its separator as docker compose reads them: the environment first, then `.env`. */
export function projectEnv(compose: ComposeDocument): NodeJS.ProcessEnv {
  return { COMPOSE_FILE: compose.env.lookup('COMPOSE_FILE'), COMPOSE_PATH_SEPARATOR: compose.env.lookup('COMPOSE_PATH_SEPARATOR') };
}

/** The ordered file list of the project `filePath` belongs to. */
export function projectFiles(filePath: string, settings: Settings, workspace: Workspace, env: NodeJS.ProcessEnv = process.env): { files: string[]; source: ComposeProject['source'] } {
  const dir = path.dirname(filePath);
  const resolve = (f: string) => path.resolve(dir, f);
  const configured = settings.compose.files.map(resolve);
  if (configured.includes(filePath)) return { files: configured, source: 'settings' };
  if (env.COMPOSE_FILE) {
    const separator = env.COMPOSE_PATH_SEPARATOR || path.delimiter;
    const fromEnv = env.COMPOSE_FILE.split(separator).filter(Boolean).map(resolve);
    if (fromEnv.includes(filePath)) return { files: fromEnv, source: 'COMPOSE_FILE' };
  }
  const base = path.basename(filePath);
  if (DEFAULT_FILES.includes(base)) {
    const override = OVERRIDE_FILES.map(resolve).find((f) => workspace.exists(f));
    return override ? { files: [filePath, override], source: 'default' } : { files: [filePath], source: 'single' };
  }
  if (OVERRIDE_FILES.includes(base)) {
    const main = DEFAULT_FILES.map(resolve).find((f) => workspace.exists(f));
    if (main) return { files: [main, filePath], source: 'default' };
  }
  return { files: [filePath], source: 'single' };
}

/**
 * Loads and merges the project of `current`. Other files come from the workspace (open editors first),
 * `current` from its own text, so an unsaved edit is what gets merged.
 */
export function loadProject(current: ComposeDocument, settings: Settings, workspace: Workspace): ComposeProject {
  // `docker stack deploy -c FILE` reads that file alone: no override file, no COMPOSE_FILE (include is refused).
  const { files, source } = current.stack ? { files: [current.path], source: 'single' as const } : current.path ? projectFiles(current.path, settings, workspace, projectEnv(current)) : { files: [current.path], source: 'single' as const };
  const documents: ComposeDocument[] = [];
  for (const file of files) {
    if (file === current.path) {
      documents.push(current);
      continue;
    }
    const text = workspace.readFile(file);
    if (text !== undefined) documents.push(composeDocument(file, text, workspace));
  }
  const dir = path.dirname(files[0] || current.path);
  const first = documents.length ? mergeAll(documents, [], undefined) : {};
  const included = current.stack ? [] : loadIncludes(first, dir, workspace, new Set(files));
  const merged = included.length ? mergeAll(documents, included, undefined) : first;
  const names = {} as Record<ResourceKind, Set<string>>;
  for (const kind of RESOURCE_KINDS) names[kind] = new Set(isJsonMap(merged[kind]) ? Object.keys(merged[kind] as JsonMap) : []);
  let origins: Map<string, string[]> | undefined;
  return {
    dir,
    files,
    source,
    documents,
    included,
    merged,
    names,
    // Only hover and the effective view need provenance: recorded by a second merge, on first use.
    get origins() {
      if (!origins) {
        origins = new Map();
        mergeAll(documents, included, origins);
      }
      return origins;
    },
  };
}

/** The files merged in order, then the resources of included files added where the project has none of that name. */
function mergeAll(documents: ComposeDocument[], included: ComposeDocument[], origins: Map<string, string[]> | undefined): JsonMap {
  let merged: JsonMap = {};
  documents.forEach((doc, index) => {
    if (index === 0) {
      merged = { ...doc.model };
      if (origins) for (const [key, value] of originsOf(doc.model, doc.path)) origins.set(key, value);
    } else {
      merged = mergeModels(merged, doc.model, doc.path, origins);
    }
  });
  for (const doc of included) {
    for (const kind of RESOURCE_KINDS) {
      const resources = doc.model[kind];
      if (!isJsonMap(resources)) continue;
      const target = isJsonMap(merged[kind]) ? { ...(merged[kind] as JsonMap) } : {};
      for (const [name, value] of Object.entries(resources)) {
        if (hasOwn(target, name)) continue;
        setOwn(target, name, value);
        origins?.set(`${kind}.${name}`, [doc.path]);
      }
      merged[kind] = target;
    }
  }
  return merged;
}

/** `include:` entries (string or {path}) resolved against the including folder, recursively. */
function loadIncludes(model: JsonMap, dir: string, workspace: Workspace, seen: Set<string>): ComposeDocument[] {
  const out: ComposeDocument[] = [];
  for (const file of includePaths(model.include, dir)) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = workspace.readFile(file);
    if (text === undefined) continue;
    const doc = composeDocument(file, text, workspace);
    out.push(doc, ...loadIncludes(doc.model, path.dirname(file), workspace, seen));
  }
  return out;
}

export function includePaths(include: Json | undefined, dir: string): string[] {
  if (!Array.isArray(include)) return [];
  const out: string[] = [];
  for (const entry of include) {
    const paths = typeof entry === 'string' ? [entry] : isJsonMap(entry) ? (Array.isArray(entry.path) ? entry.path : [entry.path]) : [];
    for (const p of paths) if (typeof p === 'string' && !/^[a-z]+:\/\//i.test(p)) out.push(path.resolve(dir, p));
  }
  return out;
}
