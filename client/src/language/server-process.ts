import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { userCacheDir } from './cache-dir';
import { SERVER_NODE_FLAGS } from './launch-flags';

/**
 * The language server's Node process, forked as vscode-languageclient forks a `TransportKind.ipc` module
 * (`--node-ipc`, `--clientProcessId`, ELECTRON_RUN_AS_NODE, the first workspace folder as cwd), but by us, so
 * the first one can start as soon as the core bundle has evaluated (prestart.ts): its Node start-up and bundle
 * evaluation then overlap VS Code's wait before activate() (bench/activation.bench.ts). Nothing of the workspace
 * reaches it until `initialize` (trust, settings), which the client still sends from activate().
 */
export interface ServerProcess {
  child: ChildProcess;
  /** Hands the child's output to the channel, with what it wrote before the channel existed. */
  pipeTo(output: vscode.LogOutputChannel): void;
}

/** Node flags of a server started while the extension host itself is being debugged (the `debug` ServerOptions). */
const DEBUG_FLAGS = ['--nolazy', '--inspect=6019'];

export function forkServer(module: string): ServerProcess {
  const debugging = process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));
  const cwd = workingDirectory();
  const child = fork(module, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    execArgv: [...SERVER_NODE_FLAGS, ...(debugging ? DEBUG_FLAGS : [])],
    cwd,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', ...compileCacheEnv() },
    silent: true,
  });
  const early: string[] = [];
  let sink: ((text: string) => void) | undefined;
  const write = (chunk: Buffer | string) => {
    const text = chunk.toString().trimEnd();
    if (!text) return;
    if (sink) sink(text);
    else early.push(text);
  };
  child.stdout?.on('data', write);
  child.stderr?.on('data', write);
  // A fork that fails (no such file, spawn error) reports here; the client then sees its connection close.
  child.on('error', (error) => write(`Language server process: ${error.message}`));
  return {
    child,
    pipeTo(output) {
      sink = (text) => output.error(text);
      for (const text of early.splice(0)) sink(text);
    },
  };
}

/** The first workspace folder when it is a folder on disk, as vscode-languageclient picks it; else the extension host's. */
function workingDirectory(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder?.scheme !== 'file') return undefined;
  try {
    return fs.statSync(folder.fsPath).isDirectory() ? folder.fsPath : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Node's compile cache for the server's bundle (NODE_COMPILE_CACHE, Node ≥ 22.1; older Nodes ignore it), in the
 * user's cache folder. The server removes the variable at its start (main.ts), so programs it runs do not inherit it.
 */
function compileCacheEnv(): Record<string, string> {
  return { NODE_COMPILE_CACHE: path.join(userCacheDir(), 'node-compile-cache') };
}
