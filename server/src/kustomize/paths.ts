import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri, sourceFile, type SourceFile } from '../core/source';
import type { Workspace } from '../core/workspace';
import { KUSTOMIZATION_NAMES, kustomizationOf, type Kustomization } from './model';

/** The kustomization file kustomize reads in a folder (the first of its recognised names), if any. */
export function kustomizationFileIn(dir: string, workspace: Workspace): string | undefined {
  for (const name of KUSTOMIZATION_NAMES) {
    const candidate = path.join(dir, name);
    if (workspace.exists(candidate) && !workspace.isDirectory(candidate)) return candidate;
  }
  return undefined;
}

/** Another folder's kustomization, from the workspace's files when known, else read through the workspace's guard. */
export function loadKustomization(filePath: string, workspace: Workspace): Kustomization | undefined {
  for (const file of workspace.files()) if (file.path === filePath) return kustomizationOf(file);
  const text = workspace.readFile(filePath);
  if (text === undefined) return undefined;
  return kustomizationOf(readOnly(filePath, text));
}

const readFiles = new Map<string, SourceFile>();

/** One SourceFile per path and text, so kustomizationOf's cache holds across checks. */
function readOnly(filePath: string, text: string): SourceFile {
  const known = readFiles.get(filePath);
  if (known?.text === text) return known;
  const file = sourceFile(TextDocument.create(pathToUri(filePath), 'yaml', 0, text), 'kustomization', '');
  if (readFiles.size > 500) readFiles.clear();
  readFiles.set(filePath, file);
  return file;
}
