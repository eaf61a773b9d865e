import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm } from '../../scripts/engine.mjs';
import { assemblePrometheus, copyChart } from '../support/helm-charts';
import { fileUri, LspClient, REPO } from '../support/lsp-client';

// Helm charts through the built server over stdio (run `npm run build` first), rendered by the real engine
// (built from engines/ and cached, like the oracle's): Helm's own errors at Helm's file and line, and the
// Kubernetes service's findings in the rendered documents on the template line that wrote them.

const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const FIXTURES = path.join(REPO, 'test/fixtures/helm');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-')));
let client: LspClient;
let web: string;
let prometheus: string;

before(async () => {
  const engine = buildEngine();
  web = copyChart(path.join(FIXTURES, 'web'), path.join(dir, 'web'));
  prometheus = assemblePrometheus(SHARED, dir, buildHelm());
  copyChart(path.join(SHARED, 'cert-manager'), path.join(dir, 'cert-manager'));
  copyChart(path.join(SHARED, 'promtail'), path.join(dir, 'promtail'));
  ({ client } = await LspClient.start({ rootPath: dir, settings: { kubernetes: { version: '1.36' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: engine } }));
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => fs.readFileSync(file, 'utf8');
/** The 0-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} in the template`);
  return line;
};
const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);
const has = (code: string) => (p: { diagnostics: Diagnostic[] }) => p.diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (p: { diagnostics: Diagnostic[] }) => !p.diagnostics.some((d) => d.code === code);
const TIMEOUT = 30_000;

test('a schema error in a rendered document lands on the literal template text that wrote it', async () => {
  const file = path.join(web, 'templates', 'deployment.yaml');
  const uri = fileUri(file);
  const text = read(file).replace('      containers:\n', '      restartPolicy: OnFailure\n      containers:\n');
  client.open(uri, 'yaml', text);
  const diagnostics = await client.waitForDiagnostics(uri, has('KubeRestartPolicy'), TIMEOUT);
  const [restart] = byCode(diagnostics, 'KubeRestartPolicy');
  const line = lineOf(text, 'restartPolicy: OnFailure');
  assert.equal(restart.range.start.line, line);
  assert.equal(text.split('\n')[line].slice(restart.range.start.character, restart.range.end.character), 'OnFailure');
  assert.match(String(restart.message), /in Deployment release-name-web rendered by web\/templates\/deployment\.yaml, line \d+/);
  // Nothing else in the chart is wrong.
  assert.deepEqual(
    diagnostics.filter((d) => d.code !== 'KubeRestartPolicy').map((d) => d.message),
    [],
  );
  client.change(uri, read(file));
  await client.waitForDiagnostics(uri, (p) => !p.diagnostics.length, TIMEOUT);
});

test('a value from values.yaml: the finding is on the action that printed it, related to the values line', async () => {
  const values = path.join(web, 'values.yaml');
  const template = path.join(web, 'templates', 'deployment.yaml');
  client.open(fileUri(values), 'yaml', read(values).replace('pullPolicy: IfNotPresent', 'pullPolicy: always'));
  const diagnostics = await client.waitForDiagnostics(fileUri(template), has('KubeInvalidValue'), TIMEOUT);
  const [invalid] = byCode(diagnostics, 'KubeInvalidValue');
  const text = read(template);
  const line = lineOf(text, 'imagePullPolicy:');
  assert.equal(invalid.range.start.line, line);
  assert.equal(text.split('\n')[line].slice(invalid.range.start.character, invalid.range.end.character), '{{ .Values.image.pullPolicy }}');
  assert.match(String(invalid.message), /always/);
  const related = invalid.relatedInformation?.[0];
  assert.ok(related, 'related information to the values line');
  assert.equal(related.location.uri, fileUri(values));
  assert.equal(related.location.range.start.line, lineOf(read(values), 'pullPolicy'));
  // Fixing the value re-renders and clears it.
  client.change(fileUri(values), read(values));
  await client.waitForDiagnostics(fileUri(template), lacks('KubeInvalidValue'), TIMEOUT);
});

test("Helm's own errors at Helm's file and line: a parse error in an open _helpers.tpl, a missing include in a template", async () => {
  const helpers = path.join(web, 'templates', '_helpers.tpl');
  const helpersText = read(helpers).replace('{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}', '{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | nosuchfunc "-" }}');
  client.open(fileUri(helpers), 'plaintext', helpersText);
  const diagnostics = await client.waitForDiagnostics(fileUri(helpers), has('HelmTemplateParse'), TIMEOUT);
  const [parse] = byCode(diagnostics, 'HelmTemplateParse');
  assert.equal(parse.range.start.line, lineOf(helpersText, 'nosuchfunc'));
  assert.match(String(parse.message), /function "nosuchfunc" not defined/);
  client.change(fileUri(helpers), read(helpers));
  await client.waitForDiagnostics(fileUri(helpers), lacks('HelmTemplateParse'), TIMEOUT);

  const service = path.join(web, 'templates', 'service.yaml');
  const serviceText = read(service).replace('metadata:\n', 'metadata:\n  annotations:\n    x: {{ include "web.nothing" . | quote }}\n');
  client.open(fileUri(service), 'yaml', serviceText);
  const missing = await client.waitForDiagnostics(fileUri(service), has('HelmTemplateRender'), TIMEOUT);
  const [render] = byCode(missing, 'HelmTemplateRender');
  assert.equal(render.range.start.line, lineOf(serviceText, 'web.nothing'));
  assert.match(String(render.message), /no template "web.nothing"/);
  client.change(fileUri(service), read(service));
  await client.waitForDiagnostics(fileUri(service), lacks('HelmTemplateRender'), TIMEOUT);
});

test('a closed file Helm names gets its diagnostics too: `required` in a template nobody opened', async () => {
  const chart = copyChart(path.join(FIXTURES, 'required'), path.join(dir, 'required'));
  const values = path.join(chart, 'values.yaml');
  const template = path.join(chart, 'templates', 'deployment.yaml');
  client.open(fileUri(values), 'yaml', read(values));
  const diagnostics = await client.waitForDiagnostics(fileUri(template), has('HelmTemplateRender'), TIMEOUT);
  const [required] = byCode(diagnostics, 'HelmTemplateRender');
  assert.equal(required.range.start.line, lineOf(read(template), 'required'));
  assert.match(String(required.message), /image.tag is required/);
});

test("edits re-render; a burst of edits ends with the last one's diagnostics (older renders cancelled)", async () => {
  const file = path.join(web, 'templates', 'configmap.yaml');
  const uri = fileUri(file);
  const original = read(file);
  client.open(uri, 'yaml', original);
  await client.waitForDiagnostics(uri, () => true, TIMEOUT);
  let version = 1;
  for (let i = 0; i < 8; i++) version = client.change(uri, original.replace('kind: ConfigMap', `kind: ConfigMap${'x'.repeat(i)}`));
  version = client.change(uri, original.replace('metadata:\n', 'metadata:\n  namee: typo\n'));
  const last = await client.waitForDiagnostics(uri, (p) => p.version === version && has('KubeUnknownField')(p), TIMEOUT);
  assert.equal(byCode(last, 'KubeUnknownField')[0].range.start.line, 3);
  assert.equal(last.filter((d) => d.code === 'KubeUnknownKind' || d.code === 'KubeNoSuchKind').length, 0, 'no finding of a superseded version');
  client.change(uri, original);
  await client.waitForDiagnostics(uri, (p) => !p.diagnostics.length, TIMEOUT);
});

const EXTRA_CONTAINER = '      containers:\n        - name: extra\n          image: busybox\n          ports:\n            - containerPort: 99999\n';
for (const [chart, template, find, replace, code, exact] of [
  ['prometheus', 'templates/deploy.yaml', '      containers:\n', EXTRA_CONTAINER, 'KubeInvalidPort', '99999'],
  ['cert-manager', 'templates/deployment.yaml', '      containers:\n', EXTRA_CONTAINER, 'KubeInvalidPort', '99999'],
  ['promtail', 'templates/daemonset.yaml', '  selector:\n', '  minReadySeconds: -1\n  selector:\n', 'KubeWorkloadSpec', '-1'],
] as const) {
  test(`real chart ${chart}: renders clean, and a schema error added to ${template} is on its line`, async () => {
    const file = path.join(dir, chart, template);
    const uri = fileUri(file);
    const original = read(file);
    client.open(uri, 'yaml', original);
    const clean = await client.waitForDiagnostics(uri, () => true, TIMEOUT);
    assert.deepEqual(
      clean.filter((d) => d.severity === 1).map((d) => `${d.code} ${d.range.start.line}: ${d.message}`),
      [],
      `${chart} renders without errors`,
    );
    assert.ok(original.includes(find), `${template} has ${JSON.stringify(find)}`);
    const text = original.replace(find, replace);
    client.change(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, has(code), TIMEOUT);
    const [found] = byCode(diagnostics, code);
    // The added line (the chart's own lines may hold the same text).
    const line = text.split('\n').findIndex((l) => l.includes(exact) && !original.split('\n').includes(l));
    assert.equal(found.range.start.line, line);
    assert.equal(text.split('\n')[line].slice(found.range.start.character, found.range.end.character), exact);
  });
}

test("prometheus: the chart's closed Chart.yaml is fine (its dependencies are vendored)", async () => {
  const chartYaml = path.join(prometheus, 'Chart.yaml');
  client.open(fileUri(chartYaml), 'yaml', read(chartYaml));
  const diagnostics = await client.waitForDiagnostics(fileUri(chartYaml), () => true, TIMEOUT);
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    [],
  );
});

test("a connected cluster's facts are the render's capabilities: its version (kubeVersion constraints) and its APIs (Capabilities.APIVersions.Has)", async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-cluster-')));
  const chart = copyChart(path.join(FIXTURES, 'web'), path.join(root, 'web'));
  const { client: connected } = await LspClient.start({ rootPath: root, settings: { kubernetes: { version: 'auto' } }, env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() } });
  try {
    const monitor = path.join(chart, 'templates', 'servicemonitor.yaml');
    connected.open(fileUri(monitor), 'yaml', read(monitor));
    assert.deepEqual(await connected.waitForDiagnostics(fileUri(monitor), () => true, TIMEOUT), []);
    // A cluster serving the monitoring API, whose ServiceMonitor needs endpoints.
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'servicemonitors.monitoring.coreos.com' },
      spec: {
        group: 'monitoring.coreos.com',
        scope: 'Namespaced',
        names: { kind: 'ServiceMonitor', plural: 'servicemonitors' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', required: ['endpoints'], properties: { selector: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, endpoints: { type: 'array', items: { type: 'object' } } } } },
              },
            },
          },
        ],
      },
    };
    void connected.connection.sendNotification('shipshape/clusterSchemas', { context: 'test', serverVersion: 'v1.35.1', source: 'crd-list', crds: [crd], openapi: [] });
    const required = await connected.waitForDiagnostics(fileUri(monitor), (p) => p.diagnostics.length > 0, TIMEOUT);
    assert.equal(required[0].range.start.line, lineOf(read(monitor), 'spec:'), JSON.stringify(required));
    assert.match(String(required[0].message), /endpoints/);
    // An older cluster than the chart's kubeVersion allows: Helm's own refusal, on Chart.yaml.
    void connected.connection.sendNotification('shipshape/clusterSchemas', { context: 'old', serverVersion: 'v1.29.4', source: 'crd-list', crds: [], openapi: [] });
    const refused = await connected.waitForDiagnostics(fileUri(path.join(chart, 'Chart.yaml')), (p) => p.diagnostics.length > 0, TIMEOUT);
    assert.equal(refused[0].code, 'HelmChartKubeVersion');
    assert.equal(refused[0].range.start.line, lineOf(read(path.join(chart, 'Chart.yaml')), 'kubeVersion:'));
    assert.match(String(refused[0].message), /kubeVersion: >=1\.30\.0-0 which is incompatible with Kubernetes v1\.29\.4/);
  } finally {
    await connected.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("untrusted workspace: charts still render (a template runs no program), inside the engine's limits and the read guard", async () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-untrusted-')));
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-lsp-helm-outside-')));
  const secret = path.join(outside, 'secret.yaml');
  fs.writeFileSync(secret, 'token: s3cret-value\n');
  const leaky = copyChart(path.join(FIXTURES, 'web'), path.join(root, 'leaky'));
  fs.symlinkSync(secret, path.join(leaky, 'templates', 'leak.yaml'));
  const runaway = copyChart(path.join(FIXTURES, 'runaway'), path.join(root, 'runaway'));
  const fine = copyChart(path.join(FIXTURES, 'web'), path.join(root, 'fine'));
  const { client: untrusted } = await LspClient.start({
    rootPath: root,
    initializationOptions: { trusted: false },
    // A workspace setting naming a values file outside the workspace (VS Code drops it when untrusted; other editors may not).
    settings: { kubernetes: { version: '1.36' }, helm: { valueFiles: { fine: [secret] } } },
    env: { ...process.env, SHIPSHAPE_ENGINE_PATH: buildEngine() },
  });
  try {
    // A symbolic link out of the chart: refused, nothing of the file it points at in any diagnostic.
    untrusted.open(fileUri(path.join(leaky, 'templates', 'service.yaml')), 'yaml', read(path.join(leaky, 'templates', 'service.yaml')));
    const load = await untrusted.waitForDiagnostics(fileUri(path.join(leaky, 'Chart.yaml')), has('HelmChartLoad'), TIMEOUT);
    assert.match(String(load[0].message), /symbolic link templates\/leak\.yaml points outside the chart/);
    // A template that loops: stopped at the time limit, reported, and the server goes on.
    untrusted.open(fileUri(path.join(runaway, 'values.yaml')), 'yaml', '');
    const limit = await untrusted.waitForDiagnostics(fileUri(path.join(runaway, 'Chart.yaml')), has('HelmRenderLimit'), TIMEOUT);
    assert.match(String(limit[0].message), /did not render within the time limit/);
    // The values file outside the workspace is not read; the chart renders without it.
    const template = path.join(fine, 'templates', 'deployment.yaml');
    untrusted.open(fileUri(template), 'yaml', read(template).replace('      containers:\n', '      restartPolicy: Never\n      containers:\n'));
    await untrusted.waitForDiagnostics(fileUri(template), has('KubeRestartPolicy'), TIMEOUT);
    const refused = await untrusted.waitForDiagnostics(fileUri(path.join(fine, 'Chart.yaml')), has('FileNotRead'), TIMEOUT);
    assert.match(String(refused[0].message), /shipshape\.helm\.valueFiles names .*secret\.yaml, which was not read/);
    for (const uri of [path.join(leaky, 'Chart.yaml'), path.join(fine, 'Chart.yaml'), template].map(fileUri)) {
      const all = await untrusted.waitForDiagnostics(uri, () => true);
      assert.ok(!JSON.stringify(all).includes('s3cret-value'), `no secret in ${uri}'s diagnostics`);
    }
    assert.ok(untrusted.alive);
  } finally {
    await untrusted.stop();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test("shipshape/helmChart names the chart a file renders in (a vendored subchart's file: its parent)", async () => {
  const sub = path.join(prometheus, 'charts', 'alertmanager', 'templates', 'statefulset.yaml');
  assert.ok(fs.existsSync(sub));
  assert.deepEqual(await client.request('shipshape/helmChart', { uri: fileUri(sub) }), { chart: fileUri(prometheus) });
  assert.deepEqual(await client.request('shipshape/helmChart', { uri: fileUri(path.join(web, 'values.yaml')) }), { chart: fileUri(web) });
  assert.deepEqual(await client.request('shipshape/helmChart', { uri: fileUri(path.join(dir, 'elsewhere.yaml')) }), { chart: null });
});

test("crds/ are checked as CRDs, and the chart's custom resources against them, unsaved edits included", async () => {
  const crdFile = path.join(web, 'crds', 'widgets.yaml');
  const strict = read(crdFile).replace(
    '          type: object\n',
    '          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size:\n                  type: integer\n',
  );
  client.open(fileUri(crdFile), 'yaml', strict.replace('  scope: Namespaced\n', '  scope: Namespaced\n  scopee: typo\n'));
  const crdDiagnostics = await client.waitForDiagnostics(fileUri(crdFile), has('KubeUnknownField'), TIMEOUT);
  assert.equal(byCode(crdDiagnostics, 'KubeUnknownField')[0].range.start.line, lineOf(read(crdFile), '  scope: Namespaced') + 1);
  client.change(fileUri(crdFile), strict);
  await client.waitForDiagnostics(fileUri(crdFile), (p) => !p.diagnostics.length, TIMEOUT);
  const widget = path.join(web, 'templates', 'widget.yaml');
  const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  size: "{{ .Values.replicaCount }} widgets"\n';
  fs.writeFileSync(widget, text);
  try {
    client.open(fileUri(widget), 'yaml', text);
    const diagnostics = await client.waitForDiagnostics(fileUri(widget), (p) => p.diagnostics.length > 0, TIMEOUT);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['KubeInvalidType', 5]],
      JSON.stringify(diagnostics),
    );
  } finally {
    fs.rmSync(widget);
  }
});

test('a finding on a template line is silenced the usual way, by a comment in the template', async () => {
  const file = path.join(web, 'templates', 'deployment.yaml');
  const uri = fileUri(file);
  const flagged = read(file).replace('      containers:\n', '      restartPolicy: Never\n      containers:\n');
  client.change(uri, flagged);
  await client.waitForDiagnostics(uri, has('KubeRestartPolicy'), TIMEOUT);
  client.change(uri, flagged.replace('      restartPolicy: Never\n', '      # shipshape-disable-next-line KubeRestartPolicy\n      restartPolicy: Never\n'));
  await client.waitForDiagnostics(uri, (p) => !p.diagnostics.length, TIMEOUT);
  client.change(uri, read(file));
});
