// Issue 15's boundary, as built (`npm run build` first): no module of server/src is bundled into the extension,
// only the shared protocol/. Every bundle in dist/ whose source map names a client/src file is a client bundle
// (dist/extension.js, and whatever parts the client loads on demand); none may name a server/src file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO } from '../support/lsp-client';

const DIST = path.join(REPO, 'dist');

/** Repo-relative sources of a bundle, from its source map. */
function sourcesOf(map: string): string[] {
  const { sources, sourceRoot = '' } = JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[]; sourceRoot?: string };
  return sources.map((source) =>
    path
      .relative(REPO, path.resolve(path.dirname(map), sourceRoot, source))
      .split(path.sep)
      .join('/'),
  );
}

test('the client bundles hold no server/src module, and reach the server only through protocol/', () => {
  const maps = fs
    .readdirSync(DIST)
    .filter((name) => name.endsWith('.js.map'))
    .map((name) => path.join(DIST, name));
  const client = maps.map((map) => ({ map: path.basename(map), sources: sourcesOf(map) })).filter((b) => b.sources.some((s) => s.startsWith('client/src/')));
  assert.ok(
    client.some((b) => b.map === 'extension.js.map'),
    `dist/extension.js.map missing or not the client's (run npm run build): ${maps.join(', ')}`,
  );
  for (const bundle of client) {
    assert.deepEqual(
      bundle.sources.filter((s) => s.startsWith('server/')),
      [],
      `${bundle.map} bundles server modules`,
    );
  }
  assert.ok(
    client.some((b) => b.sources.includes('protocol/index.ts')),
    'no client bundle uses protocol/index.ts',
  );
  // The check itself sees server modules where they are: the server's own bundle.
  assert.ok(sourcesOf(path.join(DIST, 'server.js.map')).includes('server/src/server.ts'));
});

/** npm packages a bundle holds, from its source map. */
function packagesOf(map: string): Set<string> {
  return new Set(sourcesOf(map).flatMap((s) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(s)?.[1] ?? []));
}

// Issue 15 item 7: activation evaluates only the core; what needs a cluster or an engine is in a part,
// loaded on first use. A new client import of one of these packages belongs in a part, not the core.
const HEAVY = ['@kubernetes/client-node', 'dockerode', 'docker-modem', 'ssh2', '@grpc/grpc-js', 'protobufjs', 'ws', 'yaml', 'dockerfile-ast', 'tar-fs'];

test('the core bundle holds neither part nor any of their heavy packages; the Docker part does without client-node', () => {
  const core = path.join(DIST, 'extension.js.map');
  const sources = sourcesOf(core);
  for (const entry of ['client/src/kubernetes/index.ts', 'client/src/docker/index.ts']) assert.ok(!sources.includes(entry), `dist/extension.js bundles ${entry}`);
  const packages = packagesOf(core);
  assert.deepEqual(
    HEAVY.filter((p) => packages.has(p)),
    [],
    'heavy packages in dist/extension.js',
  );
  assert.ok(packages.has('vscode-languageclient'), "the reader sees the core's packages");
  // The package's entry only loads the core through its code cache (client/src/main.ts): nothing else is compiled first.
  assert.deepEqual([...packagesOf(path.join(DIST, 'main.js.map'))], [], 'npm packages in dist/main.js');
  assert.ok(sourcesOf(path.join(DIST, 'kubernetes.js.map')).includes('client/src/kubernetes/index.ts'));
  assert.ok(packagesOf(path.join(DIST, 'kubernetes.js.map')).has('@kubernetes/client-node'));
  const docker = packagesOf(path.join(DIST, 'docker.js.map'));
  assert.ok(docker.has('dockerode') && !docker.has('@kubernetes/client-node'), [...docker].join(', '));
});
