// Renders of whole charts by the engine process, one current render per chart (engines/latest-runs.ts):
// every file of a chart asks for the same render (the key is the chart's inputs: parameters and the unsaved
// text of its open files), superseded renders are cancelled, bursts of edits debounced.
import { createHash } from 'node:crypto';
import { LatestRuns } from '../engines/latest-runs';
import { EngineError, type EngineProcess } from '../engines/process';
import { renderChart, type HelmRenderParams, type HelmRenderResult } from '../engines/helm';

/** What a chart's render is asked with, besides the chart folder. */
export type ChartRenderInputs = Omit<HelmRenderParams, 'chart' | 'overlay' | 'sourceMap'>;

export interface ChartRenderRequest {
  chart: string;
  params: ChartRenderInputs;
  /** The unsaved text of the chart's open files, by absolute path. */
  overlay: Record<string, string>;
}

export type RenderOutcome =
  | { ok: true; chart: string; key: string; params: ChartRenderInputs; overlay: Record<string, string>; result: HelmRenderResult; lineage: object }
  | { ok: false; chart: string; key: string; params: ChartRenderInputs; overlay: Record<string, string>; error: EngineError; lineage: object };

export interface ChartRendersOptions {
  /** The engine to render with; throws an EngineError('missing', …) when there is none. */
  engine: () => EngineProcess;
  /** Wait this long after an edit that follows another within it (0: never wait, the CLI). */
  debounceMs?: number;
  /** Time limit of one render. */
  timeoutMs?: number;
  /** Output limit of one render, in bytes. */
  maxOutputBytes?: number;
  /** A new render finished (not a cache hit): the host re-publishes the chart's other files. */
  onRendered?: (outcome: RenderOutcome) => void;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RENDER_OUTPUT = 32 << 20;
/** The engine stops itself past this heap; the next render goes to a new one. */
export const ENGINE_MAX_HEAP_MB = 512;

export class ChartRenders {
  private readonly runs: LatestRuns<{ request: ChartRenderRequest; key: string }, RenderOutcome>;
  /** One object per chart for as long as this host lives: the rendered documents' parse cache follows it. */
  private readonly lineages = new Map<string, object>();

  constructor(private readonly options: ChartRendersOptions) {
    this.runs = new LatestRuns({
      debounceMs: options.debounceMs,
      start: ({ request, key }, signal) => this.start(request, key, signal),
      settled: (_chart, outcome) => options.onRendered?.(outcome),
    });
  }

  render(request: ChartRenderRequest): Promise<RenderOutcome> {
    const key = renderKey(request);
    return this.runs.run(request.chart, key, { request, key });
  }

  /** A file changed on disk: renders of the charts holding it are stale even with the same inputs. */
  invalidate(filePath: string): void {
    this.runs.invalidate((chart) => filePath === chart || filePath.startsWith(chart + '/') || filePath.startsWith(chart + '\\'));
  }

  /** Every chart's last outcome (for the host, to know which files a render reached). */
  outcome(chart: string): RenderOutcome | undefined {
    return this.runs.outcome(chart);
  }

  private lineage(chart: string): object {
    let lineage = this.lineages.get(chart);
    if (!lineage) this.lineages.set(chart, (lineage = {}));
    return lineage;
  }

  private async start(request: ChartRenderRequest, key: string, signal: AbortSignal): Promise<RenderOutcome> {
    const { chart, params, overlay } = request;
    const base = { chart, key, params, overlay, lineage: this.lineage(chart) };
    try {
      const result = await renderChart(
        this.options.engine(),
        {
          ...params,
          chart,
          overlay,
          sourceMap: true,
          maxOutputBytes: params.maxOutputBytes ?? this.options.maxOutputBytes ?? DEFAULT_MAX_RENDER_OUTPUT,
        },
        { signal, timeoutMs: this.options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS },
      );
      return { ...base, ok: true, result };
    } catch (error) {
      return { ...base, ok: false, error: asEngineError(error) };
    }
  }
}

function asEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  return new EngineError('internal', error instanceof Error ? error.message : String(error));
}

function renderKey(request: ChartRenderRequest): string {
  const hash = createHash('sha1').update(JSON.stringify(request.params));
  for (const file of Object.keys(request.overlay).sort()) hash.update('\u0000').update(file).update('\u0000').update(request.overlay[file]);
  return hash.digest('hex');
}
