// The server's side of Helm charts: one engine process for every chart, renders debounced and cancelled
// (helm/renders.ts), and after each render the chart's files published again: open ones through the
// validation scheduler, closed ones (a _helpers.tpl nobody opened, Chart.yaml) read from disk and published
// here, so Helm's errors show in the Problems panel wherever Helm puts them.
import * as path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadFile } from '../core/load';
import type { LanguageRegistry } from '../core/registry';
import { pathToUri, uriToPath } from '../core/source';
import { lazyEngine } from '../engines/locate';
import type { EngineProcess } from '../engines/process';
import { chartRootOf, isInside } from '../helm/chart';
import { chartFindings } from '../helm/findings';
import { ChartRenders, ENGINE_MAX_HEAP_MB, type RenderOutcome } from '../helm/renders';
import type { ServerState } from './state';
import type { ValidationScheduler } from './validation';

/** An edit within this long of the previous one waits this long (the burst of a typist); a lone edit renders at once. */
const RENDER_DEBOUNCE_MS = 150;

/** The server's one engine process, for Helm renders and kustomize builds alike, started on first use. */
export function serverEngine(log: (line: string) => void): ReturnType<typeof lazyEngine> {
  // Next to the bundle: dist/engines/<platform>-<arch>/ (or SHIPSHAPE_ENGINE_PATH).
  return lazyEngine(__dirname, { maxHeapMb: ENGINE_MAX_HEAP_MB, log: (line) => log(`engine: ${line}`) });
}

export function createChartRenders(onRendered: (outcome: RenderOutcome) => void, engine: () => EngineProcess): ChartRenders {
  return new ChartRenders({ debounceMs: RENDER_DEBOUNCE_MS, onRendered, engine });
}

/**
 * Publishes the findings of files that are not open but that a render or build reached: a chart's files,
 * the files a kustomization's build reads. A group is a chart folder or a root kustomization.
 */
export class ClosedChartFiles {
  /** What was last published for a closed file, by URI, with its group. */
  private readonly published = new Map<string, { chart: string; json: string }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly state: ServerState,
    private readonly registry: LanguageRegistry,
    private readonly validation: ValidationScheduler,
  ) {}

  /** A render finished: open files of the chart validate again (a cache hit), closed ones are read and published. */
  rendered(outcome: RenderOutcome): void {
    const open = new Set<string>();
    for (const document of this.documents.all()) {
      const file = uriToPath(document.uri);
      if (!file || !isInside(outcome.chart, file)) continue;
      open.add(file);
      this.validation.schedule(document);
    }
    setImmediate(() => {
      // Closed files worth reading: those the render has findings for (the same map the open files' validation
      // made, a cache hit), Chart.yaml (which also says what of the settings was refused) and those published
      // before, which may need clearing.
      const chartYaml = path.join(outcome.chart, 'Chart.yaml');
      const byFile = chartFindings(outcome, this.state.contextFor(pathToUri(chartYaml)), this.state.kubernetesVersionFor(outcome.chart));
      const closed = new Set<string>([chartYaml, ...byFile.keys()]);
      for (const file of open) closed.delete(file);
      void this.publish(outcome.chart, [...closed]);
    });
  }

  /** A chart file was closed: its Helm findings stay in the Problems panel. */
  closed(document: TextDocument): void {
    const file = uriToPath(document.uri);
    const chart = file ? chartRootOf(file, this.state.chartProbe) : undefined;
    if (!chart || !this.state.helm?.outcome(chart)) return;
    // The scheduler just cleared it: publish whatever the last render says, even if it says what it said before.
    this.published.delete(document.uri);
    setImmediate(() => void this.publish(chart, [file]));
  }

  /** Files of a group not open in the editor were read again: publish what they say now (clearing what they said). */
  async publish(chart: string, files: string[]): Promise<void> {
    for (const [uri, entry] of this.published) if (entry.chart === chart && !files.includes(uriToPath(uri))) files = [...files, uriToPath(uri)];
    for (const file of files) {
      const uri = pathToUri(file);
      if (this.documents.get(uri)) continue;
      const read = this.state.workspace.read(file);
      const source = read.ok ? loadFile(file, read.text, this.state.settingsFor(file), this.state.chartProbe, this.state.clusterVersion) : undefined;
      const diagnostics = source ? await this.registry.validate(source, this.state.contextFor(uri)) : [];
      // Opened meanwhile: the scheduler publishes it now.
      if (this.documents.get(uri)) continue;
      const json = JSON.stringify(diagnostics);
      const before = this.published.get(uri);
      if (before?.json === json || (!before && !diagnostics.length)) continue;
      if (diagnostics.length) this.published.set(uri, { chart, json });
      else this.published.delete(uri);
      await this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }
}
