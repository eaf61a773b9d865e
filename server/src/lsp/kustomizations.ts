import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from '../core/source';
import { KUSTOMIZATION_NAMES } from '../kustomize/model';
import type { ValidationScheduler } from './validation';

const NAMES = new Set<string>(KUSTOMIZATION_NAMES);

/**
 * An edit to an open kustomization changes what the files it names are (a file listed as a patch is a
 * fragment, not an object), so the other open documents are checked again.
 */
export function registerKustomizations(documents: TextDocuments<TextDocument>, validation: ValidationScheduler): void {
  documents.onDidChangeContent(({ document }) => {
    if (!NAMES.has(path.basename(uriToPath(document.uri)))) return;
    for (const other of documents.all()) if (other.uri !== document.uri) validation.schedule(other);
  });
}
