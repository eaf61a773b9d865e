import { finding, type Finding } from './diagnostics';
import type { SourceFile } from './source';

/** A bug in Shipshape is reported on the file, not swallowed and not fatal. */
export function internalErrorFinding(file: SourceFile, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return finding('InternalError', 'error', range, `Shipshape could not check this ${file.kind} file: ${reason}. Please report it.`);
}
