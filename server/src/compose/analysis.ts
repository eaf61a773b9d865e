import type { Settings } from '../core/settings';
import type { SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { composeDocument, type ComposeDocument } from './document';
import { loadProject, projectEnv, projectFiles, type ComposeProject } from './project';
import { isStackFile } from './stack/stack-file';

export interface Analysis {
  compose: ComposeDocument;
  project: ComposeProject;
}

const cache = new WeakMap<SourceFile, { settings: Settings; analysis: Analysis }>();

/** The parsed file and its merged project, once per document version (shared by validation and features). */
export function analyze(file: SourceFile, settings: Settings, workspace: Workspace): Analysis {
  const hit = cache.get(file);
  if (hit && hit.settings === settings && isFresh(hit.analysis, settings, workspace)) return hit.analysis;
  const compose = composeDocument(file.path, file.text, workspace, file.uri, file.document, isStackFile(file.path, file.text, settings));
  const project = loadProject(compose, settings, workspace);
  const analysis = { compose, project };
  cache.set(file, { settings, analysis });
  return analysis;
}

/** The other files of the project (override, -f list, includes, .env) still have the text they were merged with. */
function isFresh({ compose, project }: Analysis, settings: Settings, workspace: Workspace): boolean {
  // A stack is the one file `docker stack deploy -c` reads: no override, include or .env.
  if (compose.stack) return true;
  if (compose.path && projectFiles(compose.path, settings, workspace, projectEnv(compose)).files.join('\n') !== project.files.join('\n')) return false;
  for (const doc of [...project.documents, ...project.included]) {
    if (doc !== compose && workspace.readFile(doc.path) !== doc.text) return false;
  }
  const dotenv = workspace.readFile(compose.env.dotenvPath);
  return (dotenv ?? '') === compose.env.fingerprint;
}
