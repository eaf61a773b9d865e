// Log views as read-only documents (`shipshape-logs:`), updated as lines arrive, bounded by
// shipshape.logs.maxLines, with a filter. One view per follow; closing the document stops it.
import * as vscode from 'vscode';
import type { ClusterConnection } from '../cluster/connection';
import { LogView } from '../logs/log-view';
import { MergedLogs, type MergedLogOptions } from '../logs/merged-logs';
import { PodLogStream, type LogLine, type LogOptions } from '../logs/pod-logs';
import { SCHEMES } from '../../parts/host';

export const LOG_SCHEME = SCHEMES.kubernetesLogs;

interface OpenView {
  view: LogView;
  stop(): void;
}

export class LogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly views = new Map<string, OpenView>();
  private readonly dirty = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private seq = 0;

  constructor() {
    // Repaint changed views at most 4 times a second: cheap even at thousands of lines/s.
    this.timer = setInterval(() => {
      for (const key of this.dirty) this.emitter.fire(vscode.Uri.parse(key));
      this.dirty.clear();
    }, 250);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.views.get(uri.toString())?.view.text() ?? '(this log view has been closed)\n';
  }

  private newUri(title: string): vscode.Uri {
    return vscode.Uri.from({ scheme: LOG_SCHEME, path: `/${title.replace(/[\\/]/g, '_')}.log`, query: String(++this.seq) });
  }

  get openViews(): { uri: string; view: LogView }[] {
    return [...this.views].map(([uri, v]) => ({ uri, view: v.view }));
  }

  openPod(conn: ClusterConnection, opts: LogOptions, maxLines: number): Promise<vscode.Uri> {
    return this.show(`${opts.pod}${opts.container ? `-${opts.container}` : ''}`, new LogView({ maxLines, timestamps: opts.timestamps }), new PodLogStream(conn, opts));
  }

  openMerged(conn: ClusterConnection, title: string, opts: MergedLogOptions, maxLines: number): Promise<vscode.Uri> {
    return this.show(title, new LogView({ maxLines, prefix: true }), new MergedLogs(conn, opts));
  }

  /** A new log document fed by `source` (one pod's stream or several merged): lines and notices mark it dirty. */
  private async show(title: string, view: LogView, source: PodLogStream | MergedLogs): Promise<vscode.Uri> {
    const uri = this.newUri(title);
    const key = uri.toString();
    source.on('line', (l: LogLine) => {
      view.add(l);
      this.dirty.add(key);
    });
    source.on('notice', (n: string) => {
      view.notice(n);
      this.dirty.add(key);
    });
    await source.start();
    this.views.set(key, { view, stop: () => source.stop() });
    return uri;
  }

  setFilter(uri: vscode.Uri, filter: string): void {
    const v = this.views.get(uri.toString());
    if (!v) return;
    v.view.filter = filter;
    this.emitter.fire(uri);
  }

  filterOf(uri: vscode.Uri): string | undefined {
    return this.views.get(uri.toString())?.view.filter;
  }

  close(uri: vscode.Uri): void {
    const v = this.views.get(uri.toString());
    v?.stop();
    this.views.delete(uri.toString());
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const v of this.views.values()) v.stop();
    this.views.clear();
    this.emitter.dispose();
  }
}
