import type { Finding, RuleInfo } from './diagnostics';
import { ruleFinding } from './rule';
import type { SourceFile } from './source';

/** Files above this are reported, not parsed: a keystroke must never wait on a 50 MB paste. */
export const MAX_CHECKED_BYTES = 5 * 1024 * 1024;

export const BINARY_FILE_RULE: RuleInfo = { id: 'BinaryFile', severity: 'error', doc: 'The file contains a NUL byte: it is not text and is not checked.' };
export const FILE_TOO_LARGE_RULE: RuleInfo = { id: 'FileTooLarge', severity: 'warning', doc: `The file is larger than ${MAX_CHECKED_BYTES / 1024 / 1024} MB and is not checked.` };
export const INPUT_RULES: readonly RuleInfo[] = [BINARY_FILE_RULE, FILE_TOO_LARGE_RULE];

/** Binary or oversized input gets one clear finding instead of a parser's noise (or a hang). */
export function inputProblem(file: SourceFile): Finding | undefined {
  if (file.text.length > MAX_CHECKED_BYTES) return tooLargeFinding(file.text.length);
  const nul = file.text.indexOf('\u0000');
  if (nul >= 0) {
    const position = file.document.positionAt(nul);
    return ruleFinding(BINARY_FILE_RULE, { start: position, end: position }, `This ${file.kind} file contains binary data (a NUL byte at line ${position.line + 1}); it is not text and was not checked.`);
  }
  return undefined;
}

export function tooLargeFinding(bytes: number): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return ruleFinding(FILE_TOO_LARGE_RULE, range, `File is ${mb} MB; Shipshape checks files up to ${MAX_CHECKED_BYTES / 1024 / 1024} MB. Split it to get diagnostics.`);
}
