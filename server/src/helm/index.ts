import * as path from 'node:path';
import { VALIDATION_BUDGET_MS, withBudget } from '../core/budget';
import type { Finding } from '../core/diagnostics';
import type { LanguageSupport, ServiceContext } from '../core/language';
import { FILE_NOT_READ_RULE } from '../core/read-guard';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { parseYaml, yamlSyntaxFindings, YAML_SYNTAX_RULES } from '../yaml/parse';
import { chartRootOf, isInside, valueFilesFor } from './chart';
import { chartYamlCompletion, chartYamlHover } from './features/chart-yaml';
import { chartFindings } from './findings';
import type { ChartRenderRequest } from './renders';
import { HELM_RULES } from './render-codes';
import { CHART_YAML_RULES, VALUES_RULES } from './rules';
import { checkChartYaml, checkValues } from './check-chart-yaml';
import { templateCompletion } from './templates/completion';
import { templateHover } from './templates/hover';
import { templateDefinition, templatePrepareRename, templateReferences, templateRename } from './templates/navigation';

/**
 * Helm charts: each file of a chart (templates and partials, Chart.yaml, values files) is checked by rendering
 * the whole chart with Helm's own engine (ctx.helm) and validating what it renders as manifests, with every
 * finding on the template text that wrote it. Templates are Go templates, never parsed as YAML themselves;
 * Chart.yaml and values files are also checked as YAML.
 */
export const helmSupport: LanguageSupport = {
  kinds: ['helm-template', 'helm-chart', 'helm-values'],
  rules: [...YAML_SYNTAX_RULES, ...HELM_RULES, ...CHART_YAML_RULES, ...VALUES_RULES],
  validate: (file, ctx) => validateChartFile(file, ctx),
  completion: (file, position, ctx) => (file.kind === 'helm-chart' ? chartYamlCompletion(file, position) : file.kind === 'helm-template' ? templateCompletion(file, position, ctx) : null),
  hover: (file, position, ctx) => (file.kind === 'helm-chart' ? chartYamlHover(file, position) : file.kind === 'helm-template' ? templateHover(file, position, ctx) : null),
  // Templates and values files: .Values keys and named templates.
  definition: (file, position, ctx) => (file.kind === 'helm-chart' ? null : templateDefinition(file, position, ctx)),
  references: (file, position, ctx) => (file.kind === 'helm-chart' ? null : templateReferences(file, position, ctx)),
  prepareRename: (file, position, ctx) => (file.kind === 'helm-chart' ? null : templatePrepareRename(file, position, ctx)),
  rename: (file, position, newName, ctx) => (file.kind === 'helm-chart' ? null : templateRename(file, position, newName, ctx)),
};

async function validateChartFile(file: SourceFile, ctx: ServiceContext): Promise<Finding[]> {
  const yaml = file.kind === 'helm-template' ? undefined : parseYaml(file.text);
  const own = yaml ? yamlSyntaxFindings(file.document, yaml) : [];
  if (yaml && file.kind === 'helm-chart' && file.path) own.push(...checkChartYaml(file, yaml, ctx.workspace));
  if (yaml && file.kind === 'helm-values' && file.path) own.push(...checkValues(file, yaml, ctx));
  const chart = file.path ? chartRootOf(file.path, (dir) => ctx.workspace.exists(path.join(dir, 'Chart.yaml'))) : undefined;
  if (!chart || !ctx.helm) return own;
  const { request, refused } = renderRequest(chart, file, ctx);
  const outcome = await ctx.helm.render(request);
  // Validating the release is synchronous work on the server's thread: under the same budget as any validation.
  const rendered = withBudget(VALIDATION_BUDGET_MS, () => chartFindings(outcome, ctx, file.kubernetesVersion)).get(file.path) ?? [];
  return [...own, ...(file.kind === 'helm-chart' ? refused : []), ...rendered];
}

/** `helm template` of the chart as the editor shows it, for the target Kubernetes version and cluster. */
export function renderRequest(chart: string, file: Pick<SourceFile, 'kubernetesVersion'>, ctx: ServiceContext): { request: ChartRenderRequest; refused: Finding[] } {
  const overlay: Record<string, string> = {};
  for (const open of ctx.workspace.openFiles()) if (open.path && isInside(chart, open.path)) overlay[open.path] = open.text;
  // Values files go through the workspace's read guard, as every read does: a setting cannot make the engine read ~/.ssh.
  const valueFiles: string[] = [];
  const refused: Finding[] = [];
  for (const values of valueFilesFor(chart, ctx.settings.helm.valueFiles)) {
    const read = ctx.workspace.read(values);
    if (read.ok) valueFiles.push(values);
    else refused.push(ruleFinding(FILE_NOT_READ_RULE, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, `shipshape.helm.valueFiles names ${values}, which was not read: it ${read.message}.`));
  }
  const cluster = ctx.cluster;
  const version = ctx.settings.kubernetes.version === 'auto' && cluster?.serverVersion ? cluster.serverVersion : file.kubernetesVersion;
  const apiVersions = cluster ? [...(cluster.served ?? []), ...crdKinds(cluster.crds)] : undefined;
  return {
    request: {
      chart,
      overlay,
      params: {
        valueFiles: valueFiles.length ? valueFiles : undefined,
        set: ctx.settings.helm.set.length ? ctx.settings.helm.set : undefined,
        releaseName: ctx.settings.helm.releaseName || undefined,
        namespace: ctx.settings.helm.namespace || undefined,
        kubeVersion: kubeVersion(version),
        apiVersions: apiVersions?.length ? apiVersions : undefined,
        // CRDs enter the release so its custom resources are checked against them.
        includeCrds: true,
        renderWithMissingDependencies: true,
      },
    },
    refused,
  };
}

/** "1.34" or "v1.34.3" as Helm's --kube-version takes it. */
function kubeVersion(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : undefined;
}

/** "group/version" and "group/version/Kind" of each CRD the cluster reported, as Helm's discovery lists them for .Capabilities.APIVersions. */
function crdKinds(crds: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const crd of crds) {
    const spec = (crd as { spec?: { group?: unknown; names?: { kind?: unknown }; versions?: { name?: unknown; served?: unknown }[] } })?.spec;
    if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string') continue;
    for (const v of spec.versions ?? []) if (typeof v.name === 'string' && v.served !== false) out.push(`${spec.group}/${v.name}`, `${spec.group}/${v.name}/${spec.names.kind}`);
  }
  return [...new Set(out)];
}
