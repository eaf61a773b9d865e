// Renders of whole charts by the engine process, one current render per chart. Every file of a chart asks
// for the same render (the key is the chart's inputs: parameters and the unsaved text of its open files),
// so ten open templates cost one render. New inputs supersede the current render: its engine request is
// cancelled and whoever waited for it gets the new one's result. An edit right after another waits
// `debounceMs` for the burst to end; the first edit after a pause renders at once.
import { createHash } from 'node:crypto';
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

interface Entry {
  key: string;
  request: ChartRenderRequest;
  waiters: ((outcome: RenderOutcome) => void)[];
  outcome?: RenderOutcome;
  timer?: NodeJS.Timeout;
  abort?: AbortController;
  /** When this entry was asked for, to tell a burst of edits from a first edit. */
  asked: number;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RENDER_OUTPUT = 32 << 20;
/** The engine stops itself past this heap; the next render goes to a new one. */
export const ENGINE_MAX_HEAP_MB = 512;

export class ChartRenders {
  private readonly entries = new Map<string, Entry>();
  /** One object per chart for as long as this host lives: the rendered documents' parse cache follows it. */
  private readonly lineages = new Map<string, object>();

  constructor(private readonly options: ChartRendersOptions) {}

  render(request: ChartRenderRequest): Promise<RenderOutcome> {
    const key = renderKey(request);
    const current = this.entries.get(request.chart);
    if (current?.key === key) {
      if (current.outcome) return Promise.resolve(current.outcome);
      return new Promise((resolve) => current.waiters.push(resolve));
    }
    const now = Date.now();
    const entry: Entry = { key, request, waiters: [], asked: now };
    const promise = new Promise<RenderOutcome>((resolve) => entry.waiters.push(resolve));
    let delay = 0;
    if (current) {
      // Superseded: the old render stops and its waiters take the new result.
      if (current.timer) clearTimeout(current.timer);
      current.abort?.abort();
      if (!current.outcome) {
        entry.waiters.push(...current.waiters);
        delay = this.options.debounceMs ?? 0;
      } else if (now - current.asked < (this.options.debounceMs ?? 0)) {
        delay = this.options.debounceMs ?? 0;
      }
    }
    this.entries.set(request.chart, entry);
    if (delay > 0) entry.timer = setTimeout(() => this.run(entry), delay);
    else this.run(entry);
    return promise;
  }

  /** A file changed on disk: renders of the charts holding it are stale even with the same inputs. */
  invalidate(filePath: string): void {
    for (const [chart, entry] of this.entries) {
      if (entry.outcome && (filePath === chart || filePath.startsWith(chart + '/') || filePath.startsWith(chart + '\\'))) this.entries.delete(chart);
    }
  }

  /** Every chart's last outcome (for the host, to know which files a render reached). */
  outcome(chart: string): RenderOutcome | undefined {
    return this.entries.get(chart)?.outcome;
  }

  private lineage(chart: string): object {
    let lineage = this.lineages.get(chart);
    if (!lineage) this.lineages.set(chart, (lineage = {}));
    return lineage;
  }

  private run(entry: Entry): void {
    entry.timer = undefined;
    const { chart, params, overlay } = entry.request;
    const base = { chart, key: entry.key, params, overlay, lineage: this.lineage(chart) };
    const settle = (outcome: RenderOutcome) => {
      // Superseded meanwhile: the new entry answers these waiters.
      if (this.entries.get(chart) !== entry) return;
      entry.outcome = outcome;
      entry.abort = undefined;
      for (const resolve of entry.waiters.splice(0)) resolve(outcome);
      this.options.onRendered?.(outcome);
    };
    let engine: EngineProcess;
    try {
      engine = this.options.engine();
    } catch (error) {
      settle({ ...base, ok: false, error: asEngineError(error) });
      return;
    }
    entry.abort = new AbortController();
    renderChart(
      engine,
      {
        ...params,
        chart,
        overlay,
        sourceMap: true,
        maxOutputBytes: params.maxOutputBytes ?? this.options.maxOutputBytes ?? DEFAULT_MAX_RENDER_OUTPUT,
      },
      { signal: entry.abort.signal, timeoutMs: this.options.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS },
    ).then(
      (result) => settle({ ...base, ok: true, result }),
      (error: unknown) => {
        const failure = asEngineError(error);
        if (failure.code === 'cancelled' && this.entries.get(chart) !== entry) return;
        settle({ ...base, ok: false, error: failure });
      },
    );
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
