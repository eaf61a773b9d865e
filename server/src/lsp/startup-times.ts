// When the server's start-up steps happened (protocol STARTUP_TIMES_REQUEST), for the activation bench: the
// first of each step only, as epoch milliseconds.
import type { Connection } from 'vscode-languageserver/node';
import { STARTUP_TIMES_REQUEST, type StartupTimes } from '../../../protocol';

export type StartupStep = 'initialize' | 'initialized' | 'firstOpen' | 'firstPublish';

export interface StartupClock {
  /** performance.now() of the bundle's first and last statement (main.ts). */
  bundleStart: number;
  bundleEvaluated: number;
}

export function startupTimes(connection: Connection, clock?: StartupClock): (step: StartupStep) => void {
  const epoch = (now: number) => performance.timeOrigin + now;
  const times: StartupTimes = {
    processStart: performance.timeOrigin,
    bundleStart: epoch(clock?.bundleStart ?? 0),
    bundleEvaluated: epoch(clock?.bundleEvaluated ?? 0),
  };
  connection.onRequest(STARTUP_TIMES_REQUEST, () => times);
  return (step) => {
    times[step] ??= epoch(performance.now());
  };
}
