import type { Connection } from 'vscode-languageserver/node';
import { DETECT_KIND_REQUEST, type DetectKindParams, type DetectKindResult } from '../../../protocol';
import { detectKind } from '../core/detect';
import { uriToPath } from '../core/source';
import type { ServerState } from './state';

/** The kind of a text as the server detects it, so the client can correct a language VS Code chose by name alone. */
export function registerDetectKindRequest(connection: Connection, state: ServerState): void {
  connection.onRequest(DETECT_KIND_REQUEST, (params: DetectKindParams): DetectKindResult => {
    if (typeof params?.uri !== 'string' || typeof params.text !== 'string') return { kind: null };
    return { kind: detectKind(uriToPath(params.uri) || params.uri, params.text, state.chartProbe)?.kind ?? null };
  });
}
