import * as path from 'node:path';
import * as vscode from 'vscode';
import { config } from '../config';
import { SERVER_NODE_FLAGS } from './launch-flags';
import { WORKSPACE_TRUST_NOTIFICATION, type InitializationOptions, type WorkspaceTrustParams } from '../../../protocol';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Documents the server checks: Compose files have their own language id in VS Code. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockercompose' },
  { scheme: 'untitled', language: 'yaml' },
  // Helm's partials (`_helpers.tpl`) have no language of their own in VS Code; templates may be 'helm' when another extension names them so.
  { scheme: 'file', pattern: '**/templates/**/*.tpl' },
  { scheme: 'file', language: 'helm' },
];

/** Starts the language server as a child process over IPC. Never awaited by activate(). */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    synchronize: {
      // files.exclude: the workspace pass leaves out what the explorer does.
      configurationSection: ['shipshape', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Containerfile,*.dockerfile,Dockerfile.*,.dockerignore,*.dockerignore,.env,.gitignore}'),
        // What a chart's render reads besides YAML: partials, packaged subcharts, .helmignore, the values schema.
        vscode.workspace.createFileSystemWatcher('**/{*.tpl,*.tgz,.helmignore,values.schema.json}'),
      ],
    },
    // Evaluated at each (re)start, so a restarted server learns the trust granted meanwhile.
    initializationOptions: (): InitializationOptions => ({ settings: config.serverSettings(), trusted: vscode.workspace.isTrusted }),
  };
  const client = new LanguageClient('shipshape', 'Shipshape Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const params: WorkspaceTrustParams = { trusted: true };
      if (client.state === State.Running) void client.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params).catch(() => undefined);
    }),
  );
  return client;
}

export function describeState(state: State): 'starting' | 'running' | 'stopped' {
  return state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped';
}
