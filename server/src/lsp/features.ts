import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/diagnostics';
import type { FoldingOptions, LanguageSupport, ServiceContext } from '../core/language';
import type { LanguageRegistry } from '../core/registry';
import type { SourceFile } from '../core/source';
import { BudgetExceeded, VALIDATION_BUDGET_MS, withBudget } from '../core/budget';
import { inputProblem } from '../core/input-guard';
import { RequestRefused } from '../core/refused';
import type { ServerState } from './state';

/**
 * Routes each editing request to the language service that owns the document's kind. `folding` is filled in
 * from the client's capabilities at initialize.
 */
export function routeFeatures(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState, registry: LanguageRegistry, folding: FoldingOptions = { lineFoldingOnly: false }): void {
  function withService<T>(uri: string, fallback: T, run: (language: LanguageSupport, file: SourceFile, ctx: ServiceContext) => T | null | undefined): T {
    const document = documents.get(uri);
    const file = document && state.file(document);
    const language = file && registry.for(file.kind);
    // What diagnostics refuse (binary, past the size cap), no other request processes either.
    if (!file || !language || inputProblem(file)) return fallback;
    try {
      return withBudget(VALIDATION_BUDGET_MS, () => run(language, file, state.contextFor(uri))) ?? fallback;
    } catch (error) {
      if (error instanceof RequestRefused) throw new ResponseError(ErrorCodes.InvalidParams, error.message);
      if (error instanceof BudgetExceeded) {
        connection.console.warn(`${uri}: request ${error.message}; the file is too large or deeply nested`);
        return fallback;
      }
      connection.console.error(`${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  connection.onCompletion(({ textDocument, position }) => withService(textDocument.uri, null, (l, f, c) => l.completion?.(f, position, c)));
  connection.onHover(({ textDocument, position }) => withService(textDocument.uri, null, (l, f, c) => l.hover?.(f, position, c)));
  connection.onDefinition(({ textDocument, position }) => withService(textDocument.uri, null, (l, f, c) => l.definition?.(f, position, c)));
  connection.onReferences(({ textDocument, position }) => withService(textDocument.uri, null, (l, f, c) => l.references?.(f, position, c)));
  connection.onPrepareRename(({ textDocument, position }) => withService(textDocument.uri, null, (l, f, c) => l.prepareRename?.(f, position, c)));
  connection.onRenameRequest(({ textDocument, position, newName }) => withService(textDocument.uri, null, (l, f, c) => l.rename?.(f, position, newName, c)));
  connection.onDocumentSymbol(({ textDocument }) => withService(textDocument.uri, [], (l, f, c) => l.documentSymbols?.(f, c)));
  connection.onDocumentFormatting(({ textDocument, options }) => withService(textDocument.uri, [], (l, f, c) => l.format?.(f, options, c)));
  connection.onCodeAction(({ textDocument, range, context }) => withService(textDocument.uri, [], (l, f, c) => l.codeActions?.(f, range, context.diagnostics.filter(isFinding), c)));
  connection.onDocumentLinks(({ textDocument }) => withService(textDocument.uri, [], (l, f, c) => l.documentLinks?.(f, c)));
  connection.languages.semanticTokens.on(({ textDocument }) => withService(textDocument.uri, { data: [] }, (l, f, c) => l.semanticTokens?.(f, c)));
  // null, not []: VS Code then falls back to indentation folding for kinds without a provider (plain YAML).
  connection.onFoldingRanges(({ textDocument }) => withService(textDocument.uri, null, (l, f, c) => l.foldingRanges?.(f, c, folding)));
  connection.onSelectionRanges(({ textDocument, positions }) => withService(textDocument.uri, null, (l, f, c) => l.selectionRanges?.(f, positions, c)));
}

function isFinding(diagnostic: { code?: number | string; source?: string }): diagnostic is Finding {
  return diagnostic.source === 'shipshape' && typeof diagnostic.code === 'string';
}
