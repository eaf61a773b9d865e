import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { effectiveConfig } from '../compose/effective';
import { sourceFile, uriToPath } from '../core/source';
import { COMPOSE_EFFECTIVE_CONFIG_REQUEST, type ComposeEffectiveConfigParams, type ComposeEffectiveConfigResult } from '../../../protocol';
import type { ServerState } from './state';
import type { ValidationScheduler } from './validation';

const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/i;

/**
 * Shipshape's Compose requests: the effective (merged) configuration of a project, for the read-only view.
 * Also re-validates the open Compose files of a folder when one of them (or its .env) changes, since
 * an override file declares what the main file references.
 */
export function registerComposeRequests(connection: Connection, documents: TextDocuments<TextDocument>, state: ServerState, validation: ValidationScheduler): void {
  documents.onDidChangeContent(({ document }) => {
    const changed = uriToPath(document.uri);
    if (!changed || !(COMPOSE_NAME.test(path.basename(changed)) || path.basename(changed) === '.env')) return;
    for (const other of documents.all()) {
      const otherPath = uriToPath(other.uri);
      if (other.uri !== document.uri && otherPath && path.dirname(otherPath) === path.dirname(changed) && COMPOSE_NAME.test(path.basename(otherPath))) validation.schedule(other);
    }
  });
  connection.onRequest(COMPOSE_EFFECTIVE_CONFIG_REQUEST, (params: ComposeEffectiveConfigParams): ComposeEffectiveConfigResult | null => {
    const open = documents.get(params.uri);
    let file = open ? state.file(open) : undefined;
    if (file?.kind !== 'compose') {
      // Not open (or not detected as Compose by name): read it from disk and treat it as Compose.
      const filePath = uriToPath(params.uri);
      const text = open?.getText() ?? (filePath ? state.workspace.readFile(filePath) : undefined);
      if (text === undefined) return null;
      file = sourceFile(TextDocument.create(params.uri, 'dockercompose', open?.version ?? 0, text), 'compose', state.kubernetesVersionFor(uriToPath(params.uri)));
    }
    return effectiveConfig(file, state.contextFor(params.uri));
  });
}
