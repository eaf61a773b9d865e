// helm.render: a chart rendered by Helm's own engine in the engine process (engines/helm), with the
// map from rendered text to the template source. The types mirror engines/helm/types.go.
import type { EngineProcess, RequestOptions } from './process';

export interface HelmRenderParams {
  /** Absolute path of the chart folder (or a packaged .tgz). */
  chart: string;
  /** Unsaved editor text by absolute path; it replaces the file on disk. */
  overlay?: Record<string, string>;
  releaseName?: string;
  namespace?: string;
  valueFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setLiteral?: string[];
  /** The target Kubernetes version, e.g. "1.34.0" (.Capabilities.KubeVersion). */
  kubeVersion?: string;
  /** Extra API versions for .Capabilities.APIVersions, e.g. "monitoring.coreos.com/v1". */
  apiVersions?: string[];
  includeCrds?: boolean;
  isUpgrade?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  /** Render what remains when Chart.yaml names subcharts missing under charts/ (the error is reported either way). */
  renderWithMissingDependencies?: boolean;
  /** The source map: true for every template, or Helm template names. */
  sourceMap?: boolean | string[];
  maxOutputBytes?: number;
  maxChartBytes?: number;
}

export interface HelmPos {
  offset: number;
  line: number;
  column: number;
}

export interface HelmSpan {
  start: number;
  end: number;
  node: number;
  /** For literal text: the byte of the template that content[start] copies; -1 for an action. */
  offset: number;
}

export interface HelmDocument {
  template: string;
  file?: string;
  kind: 'manifest' | 'hook' | 'crd';
  content: string;
  spans?: HelmSpan[];
}

export interface HelmNode {
  kind: 'text' | 'action' | 'template';
  start: HelmPos;
  end: HelmPos;
  values?: string[];
  includes?: string[];
}

export interface HelmTemplate {
  name: string;
  file?: string;
  nodes: HelmNode[];
  unmapped?: string;
}

export interface HelmLocation {
  template: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface HelmProblem {
  kind: 'load' | 'values' | 'dependencies' | 'parse' | 'render' | 'manifest' | 'limit';
  message: string;
  places?: HelmLocation[];
}

export interface HelmRenderResult {
  chart: { name: string; version: string; apiVersion: string; type?: string };
  documents: HelmDocument[];
  notes?: string;
  errors: HelmProblem[];
  warnings?: string[];
  templates?: HelmTemplate[];
  timing: { loadMs: number; renderMs: number; mapMs?: number };
}

export function renderChart(engine: EngineProcess, params: HelmRenderParams, options?: RequestOptions): Promise<HelmRenderResult> {
  return engine.request<HelmRenderResult>('helm.render', params, options);
}

/** The text `helm template` prints for these documents (pkg/cmd/template.go: manifests trimmed, then hooks). */
export function helmTemplateText(documents: HelmDocument[]): string {
  const block = (d: HelmDocument) => `---\n# Source: ${d.template}\n${d.content}\n`;
  const manifests = documents
    .filter((d) => d.kind !== 'hook')
    .map(block)
    .join('');
  return (
    manifests.trim() +
    '\n' +
    documents
      .filter((d) => d.kind === 'hook')
      .map(block)
      .join('')
  );
}

export interface TemplateSource {
  template: string;
  file?: string;
  node: HelmNode;
  /** For literal text, the exact byte of the template; for an action, undefined (the whole action wrote it). */
  offset?: number;
}

/** Which template node wrote byte `at` (UTF-8 offset) of a document's content, if the map says. */
export function sourceAt(document: HelmDocument, templates: HelmTemplate[], at: number): TemplateSource | undefined {
  const spans = document.spans;
  if (!spans?.length) return undefined;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = spans[mid];
    if (at < span.start) hi = mid - 1;
    else if (at >= span.end) lo = mid + 1;
    else {
      const template = templates.find((t) => t.name === document.template);
      const node = template?.nodes[span.node];
      if (!template || !node) return undefined;
      return { template: template.name, file: template.file, node, offset: span.offset >= 0 ? span.offset + (at - span.start) : undefined };
    }
  }
  return undefined;
}
