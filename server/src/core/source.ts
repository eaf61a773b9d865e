import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { FileKind } from './kinds';

/** One document as the language services see it: text, positions, kind. Immutable per version. */
export interface SourceFile {
  uri: string;
  /** File-system path, or '' for untitled documents. */
  path: string;
  version: number;
  kind: FileKind;
  /** Kubernetes version this file is checked against (modeline, setting, cluster, newest). */
  kubernetesVersion: string;
  document: TextDocument;
  /** Same as document.getText(), read once. */
  text: string;
}

export function sourceFile(document: TextDocument, kind: FileKind, kubernetesVersion: string): SourceFile {
  return {
    uri: document.uri,
    path: uriToPath(document.uri),
    version: document.version,
    kind,
    kubernetesVersion,
    document,
    text: document.getText(),
  };
}

export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? URI.parse(uri).fsPath : '';
}

export function pathToUri(filePath: string): string {
  return URI.file(filePath).toString();
}
