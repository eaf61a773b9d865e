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
  /**
   * One object shared by every version of an open document (absent for a file read from disk). Services key
   * what they derive from a version by it (in a WeakMap), so the next version reuses what its edit left alone;
   * it goes when the document closes.
   */
  lineage?: object;
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
