// The change door's questions as VS Code dialogs: the dry-run diff beside the editor, then a modal
// confirmation, or an input box that wants the protected context's name typed exactly.
import * as vscode from 'vscode';
import { config } from '../../config';
import { ChangeDoor, type ChangePrompts } from '../change/door';
import type { ExplorerModel } from '../explorer/model';
import type { PreviewDocuments } from '../../preview';

export function changePrompts(previews: PreviewDocuments): ChangePrompts {
  let shown: vscode.TextDocument | undefined;
  return {
    preview: async (title, text) => void (shown = await previews.show(title, text)),
    dismissPreview: async () => {
      if (shown) await previews.close(shown);
      shown = undefined;
    },
    confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
    typeName: (message, expected) => Promise.resolve(vscode.window.showInputBox({ prompt: message, placeHolder: expected, ignoreFocusOut: true, validateInput: (v) => (v === expected || !v ? undefined : 'The name does not match') })),
  };
}

/** The door for the extension: the explorer's contexts, the workspace's trust, the user's protected contexts. */
export function createChangeDoor(model: ExplorerModel, previews: PreviewDocuments): ChangeDoor {
  return new ChangeDoor(
    (context) => model.writableConnection(context),
    {
      trusted: () => vscode.workspace.isTrusted,
      // Machine-scoped: a repository's settings cannot shorten the list.
      protectedContexts: () => config.protectedContexts(),
    },
    changePrompts(previews),
  );
}
