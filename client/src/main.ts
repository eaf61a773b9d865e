// The extension's entry (package.json "main"): loads the core bundle, dist/extension.js, through a V8 code cache
// kept in the user's cache folder, so a window after the first deserializes the core's compiled code instead of
// parsing and compiling it again (bench/activation.bench.ts has the rows with the cache and without). Only Node
// built-ins here: this runs before anything of the extension is compiled.
import { loadedAt } from './activation-clock';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as vscode from 'vscode';
import type * as Core from './extension';
import { userCacheDir } from './language/cache-dir';

const file = path.join(__dirname, 'extension.js');
const cacheFile = codeCacheFile(file);

/**
 * When the cache is written: after activation and the first diagnostics (so not on their path), with the functions
 * activation compiled in it; a window closed sooner writes nothing and the next one compiles again.
 */
const WRITE_AFTER_MS = 2000;

function codeCacheFile(bundle: string): string | undefined {
  try {
    const { size, mtimeMs } = fs.statSync(bundle);
    // A new bundle (update, rebuild) gets a new file; V8 itself also refuses data of another source or V8.
    return path.join(userCacheDir(), 'code-cache', `extension-${process.versions.v8}-${size}-${Math.trunc(mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}

function readCache(): Buffer | undefined {
  try {
    return cacheFile ? fs.readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

function load(): typeof Core {
  const cachedData = readCache();
  const script = new vm.Script(nodeModule.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const wrapper = script.runInThisContext() as (exports: object, req: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const core = { exports: {} as typeof Core };
  // This module's require: VS Code's `vscode` module is handed to requires from the extension's own files.
  wrapper.call(core.exports, core.exports, require, core, file, __dirname);
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    setTimeout(() => {
      const data = script.createCachedData();
      fs.promises
        .mkdir(path.dirname(cacheFile), { recursive: true })
        .then(() => fs.promises.writeFile(`${cacheFile}.${process.pid}`, data))
        .then(() => fs.promises.rename(`${cacheFile}.${process.pid}`, cacheFile))
        .catch(() => undefined);
    }, WRITE_AFTER_MS).unref();
  }
  return core.exports;
}

const core = load();

export function activate(context: vscode.ExtensionContext): ReturnType<typeof Core.activate> {
  return core.activate(context, loadedAt);
}

export function deactivate(): Promise<void> {
  return core.deactivate();
}
