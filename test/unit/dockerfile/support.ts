import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../../server/src/core/diagnostics';
import type { ServiceContext } from '../../../server/src/core/language';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { sourceFile, type SourceFile } from '../../../server/src/core/source';
import type { Workspace } from '../../../server/src/core/workspace';
import { dockerfileSupport } from '../../../server/src/dockerfile';

/** An in-memory workspace: path -> text. */
export function memoryWorkspace(files: Record<string, string> = {}): Workspace {
  return {
    read: (p) => (p in files ? { ok: true, text: files[p] } : { ok: false, reason: 'missing', message: 'does not exist' }),
    readFile: (p) => files[p],
    exists: (p) => p in files,
    isDirectory: (p) => Object.keys(files).some((file) => file.startsWith(`${p}/`)),
    list: (p) => [...new Set(Object.keys(files).flatMap((file) => (file.startsWith(`${p}/`) ? [file.slice(p.length + 1).split('/')[0]!] : [])))].sort(),
    files: () => [],
    openFiles: () => [],
  };
}

export function dockerfile(text: string, filePath = '/ws/Dockerfile'): SourceFile {
  return sourceFile(TextDocument.create(`file://${filePath}`, 'dockerfile', 1, text), 'dockerfile', '1.35');
}

export function context(files: Record<string, string> = {}, shellcheck = false): ServiceContext {
  return { settings: { ...DEFAULT_SETTINGS, dockerfile: { shellcheck } }, workspace: memoryWorkspace(files) };
}

export async function lint(text: string, files: Record<string, string> = {}, filePath?: string): Promise<Finding[]> {
  return await dockerfileSupport.validate(dockerfile(text, filePath), context(files));
}

/** Compact form for assertions: CODE@line:col-line:col. */
export function where(f: Finding): string {
  const { start, end } = f.range;
  return `${f.code}@${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}
