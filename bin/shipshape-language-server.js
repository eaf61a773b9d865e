#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
// Standalone language server. The flags are SERVER_NODE_FLAGS (client/src/language/launch-flags.ts); test/lsp/server.test.ts checks they agree.
require('../dist/server.js');
