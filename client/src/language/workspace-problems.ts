// What the workspace-problems status bar item says (no vscode import, so the unit tests hold it).
import type { WorkspaceDiagnosticsStatus } from '../../../protocol';

export interface StatusText {
  text: string;
  tooltip: string;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** undefined: the item is hidden (every folder's shipshape.diagnostics.scope is openFiles, or no folder). */
export function workspaceProblemsText(status: WorkspaceDiagnosticsStatus | undefined): StatusText | undefined {
  if (!status || status.state === 'off') return undefined;
  const found = status.problems ? `${plural(status.problems, 'problem')} in ${plural(status.files, 'file')}` : 'no problems';
  if (status.state === 'checking') {
    return {
      text: `$(sync~spin) ${status.problems.toLocaleString('en-US')}`,
      tooltip: `Shipshape is checking the workspace: ${plural(status.checked, 'file')} so far, ${found}.\nClick to show the Problems panel.`,
    };
  }
  return {
    text: `${status.problems ? '$(warning)' : '$(pass)'} ${status.problems.toLocaleString('en-US')}`,
    tooltip: `Shipshape checked ${plural(status.checked, 'file')} of the workspace: ${found} (open and closed files).\n` + 'shipshape.diagnostics.scope "openFiles" checks open files only. Click to show the Problems panel.',
  };
}
