import * as path from 'node:path';
import { forkServer, type ServerProcess } from './server-process';

/**
 * Imported second by extension.ts, right after the clock: VS Code evaluates the bundle only to activate it, so
 * the server starts from here, while VS Code builds the ExtensionContext, instead of after activate() returns.
 * Forked on the next turn, not during evaluation: fork() is synchronous (its time is the bench's "fork() call"
 * row) and the new process would compete with the evaluation for the CPU, while after it the extension host only
 * waits for VS Code to call activate(). The language client takes it over on its first start (client.ts).
 */
const early: { server?: ServerProcess; taken?: boolean; forkStart?: number; forkEnd?: number } = {};
setImmediate(() => {
  if (early.taken) return;
  early.forkStart = performance.now();
  early.server = forkServer(path.join(__dirname, 'server.js'));
  early.forkEnd = performance.now();
});

/** When the early fork() was called and returned (performance.now()), for the activation clock. */
export function prestartFork(): { start: number; end: number } | undefined {
  return early.forkStart === undefined || early.forkEnd === undefined ? undefined : { start: early.forkStart, end: early.forkEnd };
}

/** The server forked at load, once, if it is still running; undefined afterwards (a restart forks anew). */
export function takePrestartedServer(): ServerProcess | undefined {
  early.taken = true;
  const { server } = early;
  early.server = undefined;
  return server && server.child.exitCode === null && server.child.signalCode === null && server.child.connected ? server : undefined;
}
