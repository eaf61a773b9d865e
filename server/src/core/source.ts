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
  /** What the editor changed since an earlier version of the same lineage (absent when not known). */
  change?: TextChange;
}

/**
 * One span that covers every change between two versions of a text: `previous.slice(start, end)` became
 * `text.slice(start, newEnd)`, and everything before and after it is the same. Services that split a file
 * (Kubernetes documents) re-read only what it touches.
 */
export interface TextChange {
  /** The earlier version's text (compared by identity: the same string object the earlier SourceFile held). */
  previous: string;
  start: number;
  end: number;
  newEnd: number;
}

/** The span covering `change` after `span` (both in offsets of the text `span` leads to); see TextChange. */
export function widenChange(span: Omit<TextChange, 'previous'>, start: number, end: number, length: number): Omit<TextChange, 'previous'> {
  // Offsets below span.start are the same in both texts; past span.newEnd they are shifted by the span's delta.
  const last = Math.max(span.newEnd, end);
  return { start: Math.min(span.start, start), end: last - (span.newEnd - span.end), newEnd: last + length - (end - start) };
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
