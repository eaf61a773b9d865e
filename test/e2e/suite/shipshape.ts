// What the e2e tests need to reach Shipshape inside VS Code: the extension, its files, its diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'shipshape-dev.shipshape';
export const SOURCE = 'shipshape';

/** The subset of the extension's exports (activate()'s return value) the tests use. */
export interface ShipshapeApi {
  client: { isRunning(): boolean; state: number; sendRequest(method: string): Promise<unknown> };
  activationMs: number;
  clock: { loadedAt: number; evaluatedAt: number; activateAt: number; returnedAt: number; firstDiagnostics?: { at: number; uri: string }; serverFork?: { start: number; end: number } };
  partLoadMs(): { kubernetes?: number; docker?: number };
}

export function shipshape(): vscode.Extension<ShipshapeApi> {
  const extension = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed; extensions: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  return extension;
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner opens examples/)');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openEditor(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document, { preview: false });
}

export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** until() for a probe that awaits (a request, a page read); a probe that throws counts as not yet. */
export async function untilAsync<T>(what: string, probe: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export function shipshapeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Waits until Shipshape's diagnostics for `uri` satisfy `accept`; the error lists what was there. */
export async function waitForDiagnostics(uri: vscode.Uri, what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  try {
    return await until(
      what,
      () => {
        const diagnostics = shipshapeDiagnostics(uri);
        return accept(diagnostics) && diagnostics;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${uri.path} has: ${listDiagnostics(vscode.languages.getDiagnostics(uri))}`);
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

export function listDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (!diagnostics.length) return '(nothing)';
  return diagnostics.map((d) => `${d.source}(${codeOf(d)})@${d.range.start.line + 1}: ${d.message}`).join(' | ');
}

/** 0-based line of the first line containing `text`, so tests follow the example files as they change. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) return line;
  }
  throw new Error(`"${text}" not found in ${document.uri.path}`);
}
