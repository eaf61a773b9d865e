import type { Connection } from 'vscode-languageserver/node';
import { HELM_CHART_REQUEST, type HelmChartParams, type HelmChartResult } from '../../../protocol';
import { pathToUri, uriToPath } from '../core/source';
import { chartRootOf } from '../helm/chart';
import type { ServerState } from './state';

/** The chart a file renders in, found as the Helm service finds it, for the client's values-file picker. */
export function registerHelmChartRequest(connection: Connection, state: ServerState): void {
  connection.onRequest(HELM_CHART_REQUEST, (params: HelmChartParams): HelmChartResult => {
    const file = typeof params?.uri === 'string' ? uriToPath(params.uri) : '';
    const chart = file ? chartRootOf(file, state.chartProbe) : undefined;
    return { chart: chart ? pathToUri(chart) : null };
  });
}
