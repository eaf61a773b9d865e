/**
 * Node flags the server runs with, wherever it is launched: the extension (client.ts), the standalone
 * launcher's shebang (bin/shipshape-language-server.js; test/lsp/server.test.ts checks they agree), the
 * bench. A launcher's concern, so it lives with the client's launcher: the server itself never reads them. Newer V8s size the heap by the machine's memory: on Node 24 the server's live heap
 * after opening fifteen 5,000-line manifests was ~24 MB, yet it stayed resident at 150-210 MB. Small
 * semi-spaces (4 MB) and a slower-growing old space (20% per step) keep it near 120 MB with no measurable
 * loss of speed (bench/kubernetes.bench.ts; --optimize-for-size went lower still but cost a third of the speed).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=20'];
