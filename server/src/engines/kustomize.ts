// kustomize.build: a kustomization built by kustomize's own engine (krusty) in the engine process
// (engines/kustomize). The types mirror engines/kustomize/build.go.
import type { EngineProcess, RequestOptions } from './process';

export interface KustomizeBuildParams {
  /** Absolute path of the kustomization's folder. */
  path: string;
  /** Unsaved editor text by absolute path; it replaces the file on disk. */
  overlay?: Record<string, string>;
  maxOutputBytes?: number;
  /** Folders files are read from, symbolic links resolved (the workspace's read policy); none: anywhere. */
  roots?: readonly string[];
  /** Files on disk larger than this are refused. */
  maxFileBytes?: number;
}

export interface KustomizeBuildResult {
  /** The built YAML exactly as `kustomize build` prints it ('' when the build failed). */
  yaml: string;
  /** The error `kustomize build` prints after "Error: ", when it fails. */
  error?: string;
  timing: { buildMs: number };
}

export function buildKustomization(engine: EngineProcess, params: KustomizeBuildParams, options?: RequestOptions): Promise<KustomizeBuildResult> {
  return engine.request<KustomizeBuildResult>('kustomize.build', params, options);
}
