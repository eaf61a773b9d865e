import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { HELM_RENDERED_REQUEST, type HelmRenderedParams, type HelmRenderedResult } from '../../../protocol';
import { registerLiveYamlView } from '../commands/live-yaml-view';

export const RENDERED_SCHEME = 'shipshape-helm';

/**
 * **Shipshape Helm: Show Rendered Manifest**: the chart of the current file as the language server renders it
 * (chosen values files, --set, release, target version, unsaved text), a read-only virtual YAML document that
 * renders again as any file of a chart it shows changes.
 */
export function registerRenderedManifest(context: vscode.ExtensionContext, client: LanguageClient): void {
  /** The chart folders the open views show, once the server named them. */
  const charts = new Set<string>();
  registerLiveYamlView(context, {
    scheme: RENDERED_SCHEME,
    suffix: 'rendered',
    command: 'shipshape.helm.showRendered',
    noFile: 'Shipshape: open a file of a Helm chart (a template, Chart.yaml or a values file) to see the chart rendered.',
    async content(source) {
      const result = (await client.sendRequest(HELM_RENDERED_REQUEST, { uri: source.toString() } satisfies HelmRenderedParams)) as HelmRenderedResult;
      if (!result.chart) return `# ${source.fsPath} is not a file of a Helm chart.\n`;
      charts.add(vscode.Uri.parse(result.chart).fsPath);
      const errors = result.errors.map((e) => `# Error: ${e.replace(/\n/g, '\n#   ')}\n`).join('');
      return errors + result.text;
    },
    affects: (document) => document.uri.scheme === 'file' && [...charts].some((chart) => document.uri.fsPath.startsWith(chart)),
  });
}
