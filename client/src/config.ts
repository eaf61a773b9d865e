// Every `shipshape.*` setting the client reads, typed, read here and nowhere else (as rust-analyzer's
// editors/code/src/config.ts). Values are read when asked, not cached, so a changed setting applies to the
// next use. Resource-scoped settings (package.json "scope") take the file they apply to; the language
// server pulls its own settings per workspace folder (server/src/lsp/state.ts).
import * as vscode from 'vscode';
import type { Builder } from './docker/build';
import type { RunSpec } from './docker/containers';

const SECTION = 'shipshape';
const section = (scope?: vscode.Uri) => vscode.workspace.getConfiguration(SECTION, scope);

/** A named way to run an image (shipshape.docker.run.configurations). */
export type RunConfiguration = RunSpec & { label?: string };

/** The defaults **Build Image** offers for a Dockerfile (resource-scoped: its folder's values). */
export interface BuildDefaults {
  /** Space-separated tags; empty: `<folder>:dev`. */
  tag: string;
  /** Relative to the workspace folder; empty: the Dockerfile's folder. */
  context: string;
  args: string[];
  builder: Builder;
  /** Empty: the engine's default. */
  network: string;
}

export const config = {
  /** The whole section, for the language server's initializationOptions (it pulls per folder afterwards). */
  serverSettings: (): vscode.WorkspaceConfiguration => section(),

  /** Extra kubeconfig files for the explorer (machine-scoped). */
  kubeconfigs: (): string[] => section().get<string[]>('kubeconfigs', []),
  /** Appends a kubeconfig file to the user's (global) list; a repository cannot set it. */
  async addKubeconfig(file: string): Promise<void> {
    const current = config.kubeconfigs();
    if (!current.includes(file)) await section().update('kubeconfigs', [...current, file], vscode.ConfigurationTarget.Global);
  },
  /** The helm binary Helm release changes run (machine-scoped: a repository cannot name a program to run). */
  helmPath: (): string => section().get<string>('helm.path', ''),
  /** Context names (or `*` patterns) that need their name typed before a destructive action (machine-scoped). */
  protectedContexts: (): string[] => section().get<string[]>('protectedContexts', []),
  /** Lines kept per log view (machine-scoped). */
  logsMaxLines: (): number => section().get<number>('logs.maxLines', 10_000),
  /**
   * Extra values files per chart the language server renders charts with (resource-scoped: a workspace folder's):
   * shipshape.helm.valueFiles over the entries of its deprecated name shipshape.helm.values, as the server merges them.
   */
  helmValues: (folder: vscode.Uri): Record<string, string[]> => {
    const settings = section(folder);
    return { ...settings.get<Record<string, string[]>>('helm.values', {}), ...settings.get<Record<string, string[]>>('helm.valueFiles', {}) };
  },
  /** Writes a workspace folder's shipshape.helm.valueFiles (the server pulls it again on the change), retiring the folder's deprecated shipshape.helm.values, whose entries the value already holds. */
  async setHelmValues(folder: vscode.Uri, value: Record<string, string[]>): Promise<void> {
    const settings = section(folder);
    await settings.update('helm.valueFiles', value, vscode.ConfigurationTarget.WorkspaceFolder);
    if (settings.inspect('helm.values')?.workspaceFolderValue !== undefined) await settings.update('helm.values', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
  },
  /** Dry-run a manifest on the cluster when it is saved (restricted: an untrusted workspace's value is ignored). */
  dryRunOnSave: (file: vscode.Uri): boolean => section(file).get<boolean>('kubernetes.dryRunOnSave', false),

  docker: {
    build(dockerfile: vscode.Uri): BuildDefaults {
      const docker = section(dockerfile);
      return {
        tag: docker.get<string>('docker.build.tag') ?? '',
        context: docker.get<string>('docker.build.context') ?? '',
        args: docker.get<string[]>('docker.build.args') ?? [],
        builder: docker.get<Builder>('docker.build.builder') ?? 'auto',
        network: docker.get<string>('docker.build.network') ?? '',
      };
    },
    runConfigurations: (): RunConfiguration[] => section().get<RunConfiguration[]>('docker.run.configurations') ?? [],
    /** The command **Open Shell in Container** runs. */
    execShell: (): string => section().get<string>('docker.exec.shell') || '/bin/sh',
    composeVersion: (): 'auto' | 'v1' | 'v2' => section().get<'auto' | 'v1' | 'v2'>('docker.composeVersion') ?? 'auto',
  },

  /** Whether a configuration change touches `shipshape.<key>`. */
  affects: (event: vscode.ConfigurationChangeEvent, key: 'kubeconfigs'): boolean => event.affectsConfiguration(`${SECTION}.${key}`),
};
