import type { RuleInfo } from '../core/diagnostics';

// Helm's own failures, at the place Helm names. What the rendered documents break is reported under the
// Kubernetes codes (KubeInvalidValue, …), on the template line that wrote it.

export const HELM_TEMPLATE_PARSE: RuleInfo = { id: 'HelmTemplateParse', severity: 'error', doc: 'Helm cannot parse the template (a Go template syntax error), so the chart does not render.' };
export const HELM_TEMPLATE_RENDER: RuleInfo = {
  id: 'HelmTemplateRender',
  severity: 'error',
  doc: 'Rendering the template failed: `fail`, `required`, a nil pointer, a missing named template or wrong function arguments, as `helm template` reports it.',
};
export const HELM_TEMPLATE_OUTPUT: RuleInfo = { id: 'HelmTemplateOutput', severity: 'error', doc: 'The template rendered text that is not valid YAML, so Helm refuses the chart.' };
export const HELM_CHART_LOAD: RuleInfo = { id: 'HelmChartLoad', severity: 'error', doc: 'Helm cannot load the chart (Chart.yaml, a packaged subchart, a file it refuses, a library chart rendered alone).' };
export const HELM_CHART_DEPENDENCIES: RuleInfo = {
  id: 'HelmChartDependencies',
  severity: 'error',
  doc: 'Chart.yaml names dependencies that are not under charts/: run `helm dependency build`. The rest of the chart is still rendered and checked.',
};
export const HELM_CHART_KUBE_VERSION: RuleInfo = { id: 'HelmChartKubeVersion', severity: 'error', doc: "The chart's kubeVersion constraint excludes the Kubernetes version it is rendered for (the setting, or the connected cluster's)." };
export const HELM_VALUES_INVALID: RuleInfo = { id: 'HelmValuesInvalid', severity: 'error', doc: "A values file cannot be read or does not meet the chart's values.schema.json." };
export const HELM_RENDER_LIMIT: RuleInfo = { id: 'HelmRenderLimit', severity: 'error', doc: "The chart's render was stopped at Shipshape's time, memory or output limit (a template that loops or renders too much)." };
export const HELM_ENGINE_UNAVAILABLE: RuleInfo = { id: 'HelmEngineUnavailable', severity: 'warning', doc: "Shipshape's engine, which renders charts, is not available: templates are not checked." };

export const HELM_RULES: readonly RuleInfo[] = [
  HELM_TEMPLATE_PARSE,
  HELM_TEMPLATE_RENDER,
  HELM_TEMPLATE_OUTPUT,
  HELM_CHART_LOAD,
  HELM_CHART_DEPENDENCIES,
  HELM_CHART_KUBE_VERSION,
  HELM_VALUES_INVALID,
  HELM_RENDER_LIMIT,
  HELM_ENGINE_UNAVAILABLE,
];
