import * as nodeModule from 'node:module';

/** Node ≥ 22.10's module.flushCompileCache(), absent from the Node 20 typings the server builds against. */
const flushCompileCache = (nodeModule as { flushCompileCache?: () => void }).flushCompileCache;

/**
 * The extension starts the server with NODE_COMPILE_CACHE set (client/src/language/server-process.ts), so
 * Node 22.1+ reuses V8's compiled code for this bundle instead of parsing it again (Node 20 ignores it). The
 * variable is removed here so that programs the server runs do not cache into Shipshape's folder, and the
 * cache is written soon after start instead of only at a clean exit (a killed server writes nothing).
 */
export function keepCompileCache(): void {
  if (!process.env.NODE_COMPILE_CACHE) return;
  delete process.env.NODE_COMPILE_CACHE;
  if (flushCompileCache) setTimeout(() => flushCompileCache(), 2000).unref();
}
