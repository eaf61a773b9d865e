import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspClient } from '../support/lsp-client';

// The bundled CRD catalog through the built server (run `npm run build` first): an empty workspace, no
// cluster, and the custom resources of Gateway API and the Prometheus Operator still validate and hover.
let client: LspClient;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-crds-'));

before(async () => {
  ({ client } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.36' } } }));
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TEXT = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: web
  rules:
    - backendRefs:
        - name: cart
          port: 8080
      timeoutz: 10s
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: api
spec:
  selector: {}
  endpoints:
    - port: metrics
      scheme: tcp
`;

test('custom resources of bundled CRDs are checked offline: errors on the cause line, hover with the CRD description', async () => {
  const uri = fileUri(path.join(dir, 'routes.yaml'));
  client.open(uri, 'yaml', TEXT);
  const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length >= 2);
  assert.deepEqual(
    diagnostics.map((d) => [d.range.start.line, d.severity, d.code]),
    [
      [11, 1, 'KubeUnknownField'],
      [21, 1, 'KubeInvalidValue'],
    ],
  );
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } });
  assert.match((hover.contents as MarkupContent).value, /ParentRefs references the resources/);
});
