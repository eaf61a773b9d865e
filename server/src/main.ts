#!/usr/bin/env node
import { bundleStart } from './startup-clock';
import { keepCompileCache } from './compile-cache';
import { startServer } from './server';

const bundleEvaluated = performance.now();

// `shipshape-language-server --stdio` (or --node-ipc when VS Code starts it): the transport is read from argv.
if (!process.argv.some((arg) => /^--(stdio|node-ipc|socket=|pipe=|clientProcessId)/.test(arg))) {
  process.stderr.write('Usage: shipshape-language-server --stdio | --node-ipc | --socket=PORT\n');
  process.exit(2);
}
keepCompileCache();
startServer(undefined, { bundleStart, bundleEvaluated });
