// Builds of root kustomizations by the engine process, one current build per root (engines/latest-runs.ts):
// every file a build reads asks for the same build (the key is the unsaved text of the open files it reads),
// superseded builds are cancelled, a burst of edits debounced. Builds ask kustomize for origin and
// transformer annotations, so each built object says which file it came from and which patches changed it.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { ReadPolicy } from '../core/read-guard';
import { buildKustomization } from '../engines/kustomize';
import { LatestRuns } from '../engines/latest-runs';
import { EngineError, type EngineProcess } from '../engines/process';

export interface KustomizeBuildRequest {
  /** The root kustomization file's absolute path. */
  root: string;
  /** The unsaved text of the open files the build reads, by absolute path (the root's with annotations added). */
  overlay: Record<string, string>;
  /** The workspace's read policy: the engine reads only what the server would. */
  policy?: ReadPolicy;
}

export type BuildOutcome = { root: string; key: string; lineage: object } & ({ ok: true; yaml: string; error?: string } | { ok: false; error: EngineError });

export interface KustomizeBuildsOptions {
  engine: () => EngineProcess;
  debounceMs?: number;
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** A new build finished (not a cache hit): the host re-publishes the files it read. */
  onBuilt?: (outcome: BuildOutcome) => void;
}

export const DEFAULT_BUILD_TIMEOUT_MS = 30_000;

export class KustomizeBuilds {
  private readonly runs: LatestRuns<{ request: KustomizeBuildRequest; key: string }, BuildOutcome>;
  /** One object per root for as long as this host lives: the built documents' parse and findings caches follow it. */
  private readonly lineages = new Map<string, object>();

  constructor(private readonly options: KustomizeBuildsOptions) {
    this.runs = new LatestRuns({
      debounceMs: options.debounceMs,
      start: ({ request, key }, signal) => this.start(request, key, signal),
      settled: (_root, outcome) => options.onBuilt?.(outcome),
    });
  }

  build(request: KustomizeBuildRequest): Promise<BuildOutcome> {
    const key = buildKey(request);
    return this.runs.run(request.root, key, { request, key });
  }

  /** The finished outcome of exactly this request, if it is the root's current one (no build is started). */
  current(request: KustomizeBuildRequest): BuildOutcome | undefined {
    const outcome = this.runs.outcome(request.root);
    return outcome?.key === buildKey(request) ? outcome : undefined;
  }

  /** A file changed on disk: builds that read it are stale even with the same open files. */
  invalidate(reads: (root: string) => boolean): void {
    this.runs.invalidate(reads);
  }

  outcome(root: string): BuildOutcome | undefined {
    return this.runs.outcome(root);
  }

  private async start(request: KustomizeBuildRequest, key: string, signal: AbortSignal): Promise<BuildOutcome> {
    const { root, overlay, policy } = request;
    let lineage = this.lineages.get(root);
    if (!lineage) this.lineages.set(root, (lineage = {}));
    try {
      const result = await buildKustomization(
        this.options.engine(),
        { path: path.dirname(root), overlay, roots: policy?.roots, maxFileBytes: policy?.maxBytes, maxOutputBytes: this.options.maxOutputBytes },
        { signal, timeoutMs: this.options.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS },
      );
      return { root, key, lineage, ok: true, yaml: result.yaml, error: result.error };
    } catch (error) {
      return { root, key, lineage, ok: false, error: error instanceof EngineError ? error : new EngineError('internal', error instanceof Error ? error.message : String(error)) };
    }
  }
}

function buildKey(request: KustomizeBuildRequest): string {
  const hash = createHash('sha1').update(JSON.stringify(request.policy ?? null));
  for (const file of Object.keys(request.overlay).sort()) hash.update('\u0000').update(file).update('\u0000').update(request.overlay[file]);
  return hash.digest('hex');
}
