import type { Settings } from '../core/settings';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { composeDocument, type ComposeDocument } from './document';
import { loadProject, type ComposeProject } from './project';

export interface Analysis {
  compose: ComposeDocument;
  project: ComposeProject;
}

const cache = new WeakMap<SourceFile, { settings: Settings; analysis: Analysis }>();

/** The parsed file and its merged project, once per document version (shared by validation and features). */
export function analyze(file: SourceFile, settings: Settings, workspace: Workspace): Analysis {
  const hit = cache.get(file);
  if (hit && hit.settings === settings) return hit.analysis;
  const compose = composeDocument(file.path, file.text, workspace, file.uri, file.document);
  const project = loadProject(compose, settings, workspace);
  const analysis = { compose, project };
  cache.set(file, { settings, analysis });
  return analysis;
}
