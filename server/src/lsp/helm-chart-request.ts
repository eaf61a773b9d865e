import type { Connection } from 'vscode-languageserver/node';
import { HELM_CHART_REQUEST, HELM_RENDERED_REQUEST, type HelmChartParams, type HelmChartResult, type HelmRenderedParams, type HelmRenderedResult } from '../../../protocol';
import { pathToUri, uriToPath } from '../core/source';
import { helmTemplateText } from '../engines/helm';
import { chartRootOf } from '../helm/chart';
import { renderRequest } from '../helm';
import type { ServerState } from './state';

/** The chart a file renders in, found as the Helm service finds it, for the client's values-file picker. */
export function registerHelmChartRequest(connection: Connection, state: ServerState): void {
  connection.onRequest(HELM_CHART_REQUEST, (params: HelmChartParams): HelmChartResult => {
    const file = typeof params?.uri === 'string' ? uriToPath(params.uri) : '';
    const chart = file ? chartRootOf(file, state.chartProbe) : undefined;
    return { chart: chart ? pathToUri(chart) : null };
  });
}

/**
 * The chart a file renders in, as `helm template` prints it: the same render the diagnostics use (a cache hit
 * when nothing changed since), for **Show Rendered Manifest**.
 */
export function registerHelmRenderedRequest(connection: Connection, state: ServerState): void {
  connection.onRequest(HELM_RENDERED_REQUEST, async (params: HelmRenderedParams): Promise<HelmRenderedResult> => {
    const file = typeof params?.uri === 'string' ? uriToPath(params.uri) : '';
    const chart = file ? chartRootOf(file, state.chartProbe) : undefined;
    if (!chart) return { chart: null, text: '', errors: [] };
    const ctx = state.contextFor(params.uri);
    if (!ctx.helm) return { chart: pathToUri(chart), text: '', errors: ['No Helm engine runs in this server, so the chart is not rendered.'] };
    const { request } = renderRequest(chart, { kubernetesVersion: state.kubernetesVersionFor(file) }, ctx);
    const outcome = await ctx.helm.render(request);
    if (!outcome.ok) return { chart: pathToUri(chart), text: '', errors: [outcome.error.message] };
    const { documents, errors } = outcome.result;
    return { chart: pathToUri(chart), text: documents.length ? helmTemplateText(documents) : '', errors: errors.map((e) => e.message) };
  });
}
