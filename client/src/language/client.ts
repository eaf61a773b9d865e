import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { config } from '../config';
import { takePrestartedServer } from './prestart';
import { forkServer } from './server-process';
import { WORKSPACE_TRUST_NOTIFICATION, type InitializationOptions, type WorkspaceTrustParams } from '../../../protocol';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Documents the server checks: Compose files have their own language id in VS Code. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockercompose' },
  { scheme: 'untitled', language: 'yaml' },
  // ECS task definitions; the server tells them from other JSON by name and content and leaves the rest alone.
  { scheme: 'file', language: 'json' },
  // Helm's partials (`_helpers.tpl`) have no language of their own in VS Code; templates may be 'helm' when another extension names them so.
  { scheme: 'file', pattern: '**/templates/**/*.tpl' },
  { scheme: 'file', language: 'helm' },
];

/** How long a stopped server may take to exit on its own before it is killed (as vscode-languageclient waits). */
const EXIT_GRACE_MS = 2000;

/**
 * The language server as a child process over IPC: on the first start the one forked while the bundle loaded
 * (prestart.ts), on a restart a new one. Never awaited by activate().
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, onFirstDiagnostics?: (uri: vscode.Uri) => void): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  let child: ChildProcess | undefined;
  const serverOptions: ServerOptions = async () => {
    const server = takePrestartedServer() ?? forkServer(module);
    server.pipeTo(output);
    child = server.child;
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The first file given problems, for the activation clock: VS Code has them from this call on, while its
    // onDidChangeDiagnostics event, what a test can observe, fires 50 ms later (the extension host debounces it).
    middleware: {
      handleDiagnostics(uri, diagnostics, next) {
        next(uri, diagnostics);
        if (onFirstDiagnostics && diagnostics.length) {
          onFirstDiagnostics(uri);
          onFirstDiagnostics = undefined;
        }
      },
    },
    synchronize: {
      // files.exclude: the workspace pass leaves out what the explorer does.
      configurationSection: ['shipshape', 'files.exclude'],
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/{Dockerfile,Containerfile,*.dockerfile,Dockerfile.*,.dockerignore,*.dockerignore,.env,.gitignore}'),
        // What a chart's render reads besides YAML: partials, packaged subcharts, .helmignore, the values schema.
        vscode.workspace.createFileSystemWatcher('**/{*.tpl,*.tgz,.helmignore,values.schema.json}'),
        vscode.workspace.createFileSystemWatcher('**/*.json'),
      ],
    },
    // Evaluated at each (re)start, so a restarted server learns the trust granted meanwhile.
    initializationOptions: (): InitializationOptions => ({ settings: config.serverSettings(), trusted: vscode.workspace.isTrusted }),
  };
  const client = new LanguageClient('shipshape', 'Shipshape Language Server', serverOptions, clientOptions);
  context.subscriptions.push(
    // The client kills only processes it forked itself: a server that ignores `exit` must not outlive it.
    client.onDidChangeState(({ newState }) => {
      const stopped = newState === State.Stopped ? child : undefined;
      if (stopped) setTimeout(() => stopped.exitCode === null && stopped.signalCode === null && stopped.kill(), EXIT_GRACE_MS).unref();
    }),
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
