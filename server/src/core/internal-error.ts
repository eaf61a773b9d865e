import type { Finding, RuleInfo } from './diagnostics';
import { ruleFinding } from './rule';
import type { SourceFile } from './source';

export const INTERNAL_ERROR_RULE: RuleInfo = { id: 'InternalError', severity: 'error', doc: 'Shipshape failed while checking the file (a bug: please report it); the rest of the workspace is still checked.' };

/** A bug in Shipshape is reported on the file, not swallowed and not fatal. */
export function internalErrorFinding(file: SourceFile, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return ruleFinding(INTERNAL_ERROR_RULE, range, `Shipshape could not check this ${file.kind} file: ${reason}. Please report it.`);
}
