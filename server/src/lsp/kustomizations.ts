// The server's side of kustomizations: root builds by the engine (kustomize/builds.ts, debounced and
// superseded like Helm renders), and after each build the files it read published again: open ones through
// the validation scheduler, closed ones (a base resource nobody opened) read and published, so a finding
// on a built object shows in the file that wrote it.
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri, uriToPath } from '../core/source';
import type { EngineProcess } from '../engines/process';
import { outcomeFindings } from '../kustomize/build';
import { KustomizeBuilds, type BuildOutcome } from '../kustomize/builds';
import { kustomizeGraph } from '../kustomize/graph';
import { KUSTOMIZATION_NAMES } from '../kustomize/model';
import type { ClosedChartFiles } from './helm-charts';
import type { ServerState } from './state';
import type { ValidationScheduler } from './validation';

const NAMES = new Set<string>(KUSTOMIZATION_NAMES);
/** As Helm's: an edit within this long of the previous one waits this long; a lone edit builds at once. */
const BUILD_DEBOUNCE_MS = 150;
const EDITOR_BUILD_TIMEOUT_MS = 10_000;

export function createKustomizeBuilds(engine: () => EngineProcess, onBuilt: (outcome: BuildOutcome) => void): KustomizeBuilds {
  return new KustomizeBuilds({ engine, debounceMs: BUILD_DEBOUNCE_MS, timeoutMs: EDITOR_BUILD_TIMEOUT_MS, onBuilt });
}

/** A build finished: the open files it read validate again (a cache hit), closed ones with findings are published. */
export function publishBuilt(outcome: BuildOutcome, documents: TextDocuments<TextDocument>, state: ServerState, validation: ValidationScheduler, closed: ClosedChartFiles): void {
  const graph = kustomizeGraph(state.workspace, undefined);
  const reads = graph.filesOf(outcome.root);
  const open = new Set<string>();
  for (const document of documents.all()) {
    const file = uriToPath(document.uri);
    if (!reads.has(file)) continue;
    open.add(file);
    validation.schedule(document);
  }
  setImmediate(() => {
    const byFile = outcomeFindings(outcome, state.contextFor(pathToUri(outcome.root)), graph);
    void closed.publish(
      outcome.root,
      [outcome.root, ...byFile.keys()].filter((file) => !open.has(file)),
    );
  });
}

/** A file a build read was closed: the scheduler cleared it, so what the builds say of it is published again. */
export function closedBuiltFile(document: TextDocument, state: ServerState, closed: ClosedChartFiles): void {
  const file = uriToPath(document.uri);
  if (!file || !state.kustomize) return;
  for (const root of kustomizeGraph(state.workspace, undefined).rootsReading(file)) {
    if (state.kustomize.outcome(root.file.path)) setImmediate(() => void closed.publish(root.file.path, [file]));
  }
}

/**
 * An edit to an open kustomization changes what the files it names are (a file listed as a patch is a
 * fragment, not an object), so the other open documents are checked again.
 */
export function registerKustomizations(documents: TextDocuments<TextDocument>, validation: ValidationScheduler): void {
  documents.onDidChangeContent(({ document }) => {
    if (!NAMES.has(path.basename(uriToPath(document.uri)))) return;
    for (const other of documents.all()) if (other.uri !== document.uri) validation.schedule(other);
  });
}
