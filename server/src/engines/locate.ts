// Where the engine binary is: a path the user or a developer names (setting or SHIPSHAPE_ENGINE_PATH),
// else next to the bundled server, in dist/engines/<platform>-<arch>/ (the VSIX of each target carries
// its own; `npm run engine` puts this machine's there in development).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineError, EngineProcess, type EngineOptions } from './process';

export interface EngineLocation {
  binary?: string;
  /** Every place looked at, for the message shown when none holds an engine. */
  tried: string[];
}

export function engineFileName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'shipshape-engine.exe' : 'shipshape-engine';
}

/** bundleDir is the folder of the running bundle (dist/ for dist/server.js and dist/cli.js). */
export function locateEngine(options: { configured?: string; env?: NodeJS.ProcessEnv; bundleDir: string }): EngineLocation {
  const env = options.env ?? process.env;
  const candidates = [options.configured, env.SHIPSHAPE_ENGINE_PATH, path.join(options.bundleDir, 'engines', `${process.platform}-${process.arch}`, engineFileName())].filter((p): p is string => !!p);
  for (const candidate of candidates) {
    try {
      if (fs.statSync(candidate).isFile()) return { binary: candidate, tried: candidates };
    } catch {
      // not there: try the next
    }
  }
  return { tried: candidates };
}

/** The message for a missing engine: what was looked for and how to get one. */
export function missingEngineMessage(location: EngineLocation): string {
  return (
    `Shipshape's engine (Helm rendering, kustomize builds) was not found for ${process.platform}-${process.arch}; looked in ${location.tried.join(', ')}. ` +
    'Install the VSIX for this platform, or in a checkout run `npm run engine` (needs Go).'
  );
}

/**
 * The engine a host (the server, the CLI) starts on first use: get() throws EngineError('missing') with the
 * places looked at while there is no binary, and looks again on the next call.
 */
export function lazyEngine(bundleDir: string, options: Omit<EngineOptions, 'binary'> = {}): { get(): EngineProcess; dispose(): void } {
  let engine: EngineProcess | undefined;
  return {
    get() {
      if (engine) return engine;
      const location = locateEngine({ bundleDir });
      if (!location.binary) throw new EngineError('missing', missingEngineMessage(location));
      engine = new EngineProcess({ ...options, binary: location.binary });
      return engine;
    },
    dispose: () => engine?.dispose(),
  };
}
