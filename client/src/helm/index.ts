import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HELM_CHART_REQUEST, type HelmChartParams, type HelmChartResult } from '../../../protocol';
import { registerTable } from '../commands/register';
import { config } from '../config';
import { registerRenderedManifest } from './rendered';
import { chartKey, valuesCandidates, withChartValues } from './values-choice';

/**
 * **Shipshape Helm: Choose Values Files…**: the extra values files the language server renders the current chart with;
 * **Show Rendered Manifest**: the chart as it renders them.
 */
export function registerHelm(context: vscode.ExtensionContext, client: LanguageClient): void {
  registerRenderedManifest(context, client);
  registerTable(context, { 'shipshape.helm.chooseValues': chooseValues }, { ctx: client, describe: (e) => (e instanceof Error ? e.message : String(e)) });
}

async function chooseValues(client: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const asked: HelmChartParams | undefined = document?.uri.scheme === 'file' ? { uri: document.uri.toString() } : undefined;
  const answer = asked ? ((await client.sendRequest(HELM_CHART_REQUEST, asked)) as HelmChartResult) : undefined;
  const chart = answer?.chart ? vscode.Uri.parse(answer.chart).fsPath : undefined;
  if (!chart) {
    void vscode.window.showInformationMessage('Shipshape: open a file of a Helm chart (a template, Chart.yaml or a values file) to choose its values files.');
    return;
  }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(chart));
  if (!folder) {
    void vscode.window.showInformationMessage('Shipshape: the chart is outside every workspace folder; its values files are set per folder.');
    return;
  }
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(chart, '{values*.yaml,values*.yml,ci/*.yaml,ci/*.yml}'), undefined, 200);
  const candidates = valuesCandidates(
    chart,
    found.map((uri) => uri.fsPath),
  );
  const key = chartKey(chart, folder.uri.fsPath);
  const current = config.helmValues(folder.uri);
  const chosen = new Set(current[key] ?? []);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(`Shipshape: ${path.basename(chart)} has no values files besides values.yaml (values-*.yaml or ci/*.yaml).`);
    return;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((file) => ({ label: file, picked: chosen.has(file) })),
    {
      canPickMany: true,
      title: `Values files for ${path.basename(chart)}, after values.yaml`,
      placeHolder: 'Applied in this order, as helm template -f applies them; none: values.yaml alone',
    },
  );
  if (!picked) return;
  await config.setHelmValues(
    folder.uri,
    withChartValues(
      current,
      key,
      picked.map((item) => item.label),
    ),
  );
}
