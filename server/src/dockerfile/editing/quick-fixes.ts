/** Quick fixes: every finding that carries mechanical edits in its data becomes one preferred code action. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { Finding } from '../../core/diagnostics';
import type { SourceFile } from '../../core/source';
import type { FixData } from '../rule';

export function codeActions(file: SourceFile, findings: Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const data = f.data as FixData | undefined;
    if (!data?.edits?.length) continue;
    actions.push({
      title: data.title ?? `Fix ${f.code}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [f],
      isPreferred: true,
      edit: { changes: { [file.uri]: data.edits } },
    });
  }
  return actions;
}
