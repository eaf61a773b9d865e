// A chart's render as findings per file: Helm's own errors at the place Helm names, and what the Kubernetes
// service finds in the rendered documents, each moved through the source map onto the template text that
// wrote it (with the values line it came from as related information).
import * as path from 'node:path';
import type { DiagnosticRelatedInformation, Range } from 'vscode-languageserver-types';
import type { Finding, RuleInfo } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import { pathToUri, type SourceFile } from '../core/source';
import { sourceAt, type HelmDocument, type HelmProblem, type HelmTemplate } from '../engines/helm';
import { validateManifest } from '../kubernetes/engine';
import { lookup, parseYaml, rangeOf } from '../yaml/parse';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import type { RenderOutcome } from './renders';
import { HELM_CHART_DEPENDENCIES, HELM_CHART_KUBE_VERSION, HELM_CHART_LOAD, HELM_ENGINE_UNAVAILABLE, HELM_RENDER_LIMIT, HELM_TEMPLATE_OUTPUT, HELM_TEMPLATE_PARSE, HELM_TEMPLATE_RENDER, HELM_VALUES_INVALID } from './render-codes';
import { TextIndex } from './text-index';

const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Findings of one outcome, per file path; cached per outcome and the validation target they were made for. */
const cache = new WeakMap<RenderOutcome, { target: string; byFile: Map<string, Finding[]> }>();

export function chartFindings(outcome: RenderOutcome, ctx: ServiceContext, kubernetesVersion: string): Map<string, Finding[]> {
  const target = `${kubernetesVersion}\u0000${ctx.cluster?.context ?? ''}`;
  const cached = cache.get(outcome);
  if (cached?.target === target) return cached.byFile;
  const byFile = new Findings(outcome, ctx);
  if (!outcome.ok) byFile.engineFailure();
  else {
    for (const problem of outcome.result.errors) byFile.problem(problem);
    byFile.rendered(kubernetesVersion);
  }
  cache.set(outcome, { target, byFile: byFile.out });
  return byFile.out;
}

class Findings {
  readonly out = new Map<string, Finding[]>();
  private readonly texts = new Map<string, TextIndex | null>();
  private readonly valuesFiles = new Map<string, { yaml: Document.Parsed; document: TextDocument } | null>();
  private readonly chartYaml: string;

  constructor(
    private readonly outcome: RenderOutcome,
    private readonly ctx: ServiceContext,
  ) {
    this.chartYaml = path.join(outcome.chart, 'Chart.yaml');
  }

  private add(file: string, item: Finding): void {
    let list = this.out.get(file);
    if (!list) this.out.set(file, (list = []));
    // A template line inside a range writes the same mistake once per item: one finding is enough.
    if (list.some((f) => f.code === item.code && f.message === item.message && sameRange(f.range, item.range))) return;
    list.push(item);
  }

  /** The text the engine rendered for a file: the open editor's, else the disk's. */
  private text(file: string): TextIndex | undefined {
    let index = this.texts.get(file);
    if (index === undefined) {
      const text = this.outcome.overlay[file] ?? this.ctx.workspace.readFile(file);
      index = text === undefined ? null : new TextIndex(text);
      this.texts.set(file, index);
    }
    return index ?? undefined;
  }

  engineFailure(): void {
    if (this.outcome.ok) return;
    const { code, message } = this.outcome.error;
    const rule = code === 'missing' ? HELM_ENGINE_UNAVAILABLE : HELM_RENDER_LIMIT;
    const why =
      code === 'timeout'
        ? `The chart did not render within the time limit (${message}); a template may loop.`
        : code === 'memory_limit'
          ? `The chart's render used more memory than the engine allows (${message}).`
          : code === 'missing'
            ? message
            : `The chart could not be rendered: ${message}`;
    this.add(this.chartYaml, ruleFinding(rule, FIRST_LINE, why));
  }

  /** One of Helm's errors, on the innermost place it names in a file of the chart. */
  problem(problem: HelmProblem): void {
    if (/^chart requires kubeVersion: /.test(problem.message)) {
      this.add(this.chartYaml, ruleFinding(HELM_CHART_KUBE_VERSION, this.chartKeyRange('kubeVersion'), helmMessage(problem.message)));
      return;
    }
    const rule: RuleInfo =
      {
        parse: HELM_TEMPLATE_PARSE,
        render: HELM_TEMPLATE_RENDER,
        manifest: HELM_TEMPLATE_OUTPUT,
        load: HELM_CHART_LOAD,
        dependencies: HELM_CHART_DEPENDENCIES,
        values: HELM_VALUES_INVALID,
        limit: HELM_RENDER_LIMIT,
      }[problem.kind] ?? HELM_TEMPLATE_RENDER;
    const message = helmMessage(problem.message);
    const place = [...(problem.places ?? [])].reverse().find((p) => p.file);
    if (place?.file) {
      const text = this.text(place.file);
      let range = FIRST_LINE;
      if (text && place.line) {
        const start = text.positionOfLine(place.line, place.column ?? 1);
        const end = text.lineEnd(start.line);
        range = { start: place.column ? start : { line: start.line, character: text.lineText(start.line).search(/\S|$/) }, end };
      }
      this.add(place.file, ruleFinding(rule, range, message));
      return;
    }
    if (problem.kind === 'values') {
      const values = this.outcome.params.valueFiles?.find((f) => problem.message.includes(f)) ?? path.join(this.outcome.chart, 'values.yaml');
      this.add(values, ruleFinding(rule, FIRST_LINE, message));
      return;
    }
    this.add(this.chartYaml, ruleFinding(rule, this.chartKeyRange(chartYamlKeyOf(problem)), message));
  }

  private chartKeyRange(key: string | undefined): Range {
    if (!key) return FIRST_LINE;
    const text = this.outcome.overlay[this.chartYaml] ?? this.ctx.workspace.readFile(this.chartYaml);
    if (!text) return FIRST_LINE;
    const line = text.split('\n').findIndex((l) => l.startsWith(`${key}:`));
    return line < 0 ? FIRST_LINE : { start: { line, character: 0 }, end: { line, character: key.length } };
  }

  /** The rendered documents through the Kubernetes service, every finding moved onto its template. */
  rendered(kubernetesVersion: string): void {
    if (!this.outcome.ok) return;
    const { documents, templates = [] } = this.outcome.result;
    if (!documents.length) return;
    const release = releaseFile(this.outcome, documents, kubernetesVersion);
    for (const item of validateManifest(release.file, this.ctx)) {
      const at = release.locate(item.range.start.line, item.range.start.character);
      if (!at || at.document.kind === 'crd') continue; // crds/ files are checked as the manifests they are
      this.mapped(item, at.document, at.offset, release.endOffset(at, item), templates);
    }
  }

  private mapped(item: Finding, document: HelmDocument, offset: number, endOffset: number, templates: HelmTemplate[]): void {
    const content = document.content;
    const byte = Buffer.byteLength(content.slice(0, offset));
    const source = sourceAt(document, templates, byte);
    const where = renderedWhere(document, content, offset);
    const file = source?.file ?? document.file;
    if (!file) {
      // Inside a packaged subchart: nothing to edit but the top chart.
      this.add(this.chartYaml, { ...item, range: FIRST_LINE, message: `${item.message} (in ${where})` });
      return;
    }
    const text = this.text(file);
    if (!source || !text) {
      this.add(file, { ...item, range: FIRST_LINE, message: `${item.message} (in ${where}; no template line wrote it)` });
      return;
    }
    let range: Range;
    if (source.offset !== undefined) {
      // Literal template text: the exact characters, as long as the finding's are, on one line.
      const start = text.position(source.offset);
      const length = Math.max(1, endOffset - offset);
      const lineEnd = text.lineEnd(start.line);
      range = { start, end: { line: start.line, character: Math.min(lineEnd.character, start.character + length) } };
    } else {
      range = { start: text.positionOfLine(source.node.start.line, source.node.start.column), end: text.positionOfLine(source.node.end.line, source.node.end.column) };
    }
    const related = this.valuesRelated(source.node.values, file);
    const mapped: Finding = { ...item, range, message: `${item.message} (in ${where})` };
    if (related.length) mapped.relatedInformation = related;
    else delete mapped.relatedInformation;
    this.add(file, mapped);
  }

  /** Where the first .Values path an action reads is set: the last values file that sets it wins, as in Helm. */
  private valuesRelated(values: string[] | undefined, template: string): DiagnosticRelatedInformation[] {
    const first = values?.[0];
    if (!first) return [];
    const keys = first.split('.');
    const star = keys.indexOf('*');
    const wanted = star < 0 ? keys : keys.slice(0, star);
    if (!wanted.length) return [];
    const own = chartOfTemplate(template);
    // The -f files set the top chart's values; a vendored subchart's template reads its own values.yaml.
    const files = own === this.outcome.chart ? [...(this.outcome.params.valueFiles ?? [])].reverse() : [];
    files.push(path.join(own, 'values.yaml'));
    for (const file of files) {
      const values = this.values(file);
      if (!values) continue;
      const { pair } = lookup(values.yaml, wanted);
      const range = pair && rangeOf(values.document, pair.key as never);
      if (range) return [{ location: { uri: pathToUri(file), range }, message: `.Values.${wanted.join('.')} is set here` }];
    }
    return [];
  }

  /** A values file parsed once per outcome (many findings point into the same one). */
  private values(file: string): { yaml: Document.Parsed; document: TextDocument } | undefined {
    let parsed = this.valuesFiles.get(file);
    if (parsed === undefined) {
      const text = this.outcome.overlay[file] ?? this.ctx.workspace.readFile(file);
      const yaml = text === undefined ? undefined : parseYaml(text).documents[0];
      parsed = text !== undefined && yaml ? { yaml, document: TextDocument.create('', 'yaml', 0, text) } : null;
      this.valuesFiles.set(file, parsed);
    }
    return parsed ?? undefined;
  }
}

/** The chart folder a template file belongs to (a vendored subchart's own folder). */
function chartOfTemplate(file: string): string {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('templates');
  return at > 0 ? parts.slice(0, at).join(path.sep) : path.dirname(file);
}

/** "Kind name in the rendered <template>, line N" */
function renderedWhere(document: HelmDocument, content: string, offset: number): string {
  const line = content.slice(0, offset).split('\n').length;
  const kind = /^kind:\s*(\S+)/m.exec(content)?.[1];
  const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*(\S+)/m.exec(content)?.[1];
  const object = kind ? `${kind}${name ? ` ${name.replace(/^["']|["']$/g, '')}` : ''} ` : '';
  return `${object}rendered by ${document.template}, line ${line}`;
}

/** Helm's message without the advice to pass a flag nobody can pass here. */
function helmMessage(message: string): string {
  return message.replace(/\n\nUse --debug flag to render out invalid YAML$/, '').trim();
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

interface Located {
  document: HelmDocument;
  index: number;
  offset: number;
}

/**
 * The release as one manifest file, as `helm template` prints it, for the Kubernetes service (cross-document
 * checks see the whole release; its CRDs define the custom resources of its templates).
 */
function releaseFile(outcome: RenderOutcome & { ok: true }, documents: HelmDocument[], kubernetesVersion: string) {
  const starts: { line: number; lines: number[] }[] = [];
  let text = '';
  let line = 0;
  for (const document of documents) {
    const head = `---\n# Source: ${document.template}\n`;
    text += head;
    line += 2;
    const lines = [0];
    for (let i = 0; i < document.content.length; i++) if (document.content.charCodeAt(i) === 10) lines.push(i + 1);
    starts.push({ line, lines });
    text += document.content + '\n';
    line += lines.length;
  }
  const uri = `shipshape-helm-release:${pathToUri(outcome.chart).slice('file:'.length)}`;
  const file: SourceFile = {
    uri,
    path: '',
    version: 0,
    kind: 'kubernetes',
    kubernetesVersion,
    text,
    lineage: outcome.lineage,
    document: TextDocument.create(uri, 'yaml', 0, text),
  };
  const locate = (at: number, character: number): Located | undefined => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid].line <= at) lo = mid;
      else hi = mid - 1;
    }
    const start = starts[lo];
    if (!start) return undefined;
    const local = at - start.line;
    if (local < 0) return { document: documents[lo], index: lo, offset: 0 };
    const lineStart = start.lines[Math.min(local, start.lines.length - 1)];
    return { document: documents[lo], index: lo, offset: Math.min(documents[lo].content.length, lineStart + character) };
  };
  const endOffset = (at: Located, item: Finding): number => {
    if (item.range.end.line !== item.range.start.line) return at.offset + 1;
    return at.offset + (item.range.end.character - item.range.start.character);
  };
  return { file, locate, endOffset };
}

/** The Chart.yaml key a chart-level problem is about: Helm's metadata validation names it (`chart.metadata.version "x" is invalid`). */
function chartYamlKeyOf(problem: HelmProblem): string | undefined {
  if (problem.kind === 'dependencies') return 'dependencies';
  if (problem.kind !== 'load') return undefined;
  if (/\bdependenc(?:y|ies)\b/.test(problem.message)) return 'dependencies';
  return /\bchart\.metadata\.(\w+)/.exec(problem.message)?.[1];
}
