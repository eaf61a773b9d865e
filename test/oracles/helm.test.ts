import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { helmTemplateText, renderChart, sourceAt, type HelmRenderParams, type HelmRenderResult } from '../../server/src/engines/helm';
import { EngineProcess } from '../../server/src/engines/process';
// @ts-expect-error: a plain .mjs build script
import { buildEngine, buildHelm } from '../../scripts/engine.mjs';
import { assembleKubePrometheusStack, assemblePrometheus, copyChart, dropDependencies } from '../support/helm-charts';

// Agreement with the real `helm template` (helm.sh/helm/v4/cmd/helm built from engines/go.mod, so the
// same Helm, client-go and Sprig as the engine): for every chart of the shared folder and every
// fixture, the engine's documents printed as helm template prints them equal helm's stdout byte for
// byte, or its first error equals helm's (what helm prints after "Error: "), with the same values,
// release, namespace and kube version. Then the source map is checked against the template files.

const REPO = path.resolve(__dirname, '../..');
const SHARED = process.env.SHIPSHAPE_CHARTS ?? path.resolve(REPO, '../shared/charts-and-overlays/helm');
const FIXTURES = path.join(REPO, 'test/fixtures/helm');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-helm-oracle-'));
let helm: string;
let engine: EngineProcess;
const rendered: Array<{ label: string; result: HelmRenderResult }> = [];
const nondeterministic = new Set<string>();

before(() => {
  engine = new EngineProcess({ binary: buildEngine() });
  helm = buildHelm();
});
after(() => {
  engine?.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface HelmRun {
  ok: boolean;
  stdout: string;
  error: string;
}

function helmTemplate(params: HelmRenderParams): HelmRun {
  const args = ['template', params.releaseName ?? 'release-name', params.chart, '--namespace', params.namespace ?? 'default'];
  for (const f of params.valueFiles ?? []) args.push('-f', f);
  for (const s of params.set ?? []) args.push('--set', s);
  for (const s of params.setString ?? []) args.push('--set-string', s);
  if (params.kubeVersion) args.push('--kube-version', params.kubeVersion);
  for (const a of params.apiVersions ?? []) args.push('--api-versions', a);
  if (params.includeCrds) args.push('--include-crds');
  if (params.skipTests) args.push('--skip-tests');
  if (params.isUpgrade) args.push('--is-upgrade');
  // A clean environment: no kubeconfig namespace, no user repositories or plugins.
  const home = path.join(tmp, 'helm-home');
  const r = spawnSync(helm, args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: path.join(home, 'none'), HELM_CACHE_HOME: path.join(home, 'cache'), HELM_CONFIG_HOME: path.join(home, 'config'), HELM_DATA_HOME: path.join(home, 'data') },
  });
  return { ok: r.status === 0, stdout: r.stdout, error: r.stderr.replace(/^Error: /m, '').trim() };
}

/** Renders with both and asserts agreement; returns the engine's result. */
async function agree(label: string, params: HelmRenderParams): Promise<HelmRenderResult> {
  const result = await renderChart(engine, { ...params, sourceMap: true }, { timeoutMs: 60_000 });
  const oracle = helmTemplate(params);
  rendered.push({ label, result });
  if (oracle.ok) {
    assert.deepEqual(result.errors, [], `${label}: helm rendered it, the engine reported ${JSON.stringify(result.errors)}`);
    let text = helmTemplateText(result.documents);
    let expected = oracle.stdout;
    if (text !== expected) {
      // Some charts print random or time-dependent values (htpasswd's salt, randAlphaNum, genCA, now):
      // the lines where two helm runs of the same chart differ are compared as "varies", the rest as bytes.
      const again = helmTemplate(params).stdout.split('\n');
      const first = expected.split('\n');
      if (again.length === first.length && again.some((line, i) => line !== first[i])) {
        const mask = (t: string) =>
          t
            .split('\n')
            .map((line, i) => (again[i] !== first[i] ? '<varies between helm runs>' : line))
            .join('\n');
        text = mask(text);
        expected = mask(expected);
        nondeterministic.add(label);
      }
    }
    if (text !== expected) assert.equal(text, expected, `${label}: the engine's documents differ from helm template's output`);
  } else {
    assert.ok(result.errors.length > 0, `${label}: helm failed (${oracle.error}) but the engine rendered it`);
    // helm prints slog warnings before the error; the error is its last paragraph block.
    assert.ok(oracle.error.endsWith(result.errors[0].message.trim()), `${label}: the engine's error\n  ${result.errors[0].message}\ndiffers from helm's\n  ${oracle.error}`);
  }
  return result;
}

const sharedCharts = fs.existsSync(SHARED)
  ? fs
      .readdirSync(SHARED)
      .filter((n) => fs.statSync(path.join(SHARED, n)).isDirectory())
      .sort()
  : [];

test('the shared charts folder is there', () => {
  assert.ok(sharedCharts.length >= 10, `expected the charts of ${SHARED}`);
});

for (const name of sharedCharts) {
  test(`shared chart ${name}: as helm template renders it (or fails), default values`, async () => {
    await agree(name, { chart: path.join(SHARED, name) });
  });
  test(`shared chart ${name}: with each of its ci/ values files, Kubernetes 1.33`, async () => {
    const ci = path.join(SHARED, name, 'ci');
    if (!fs.existsSync(ci)) return;
    for (const file of fs
      .readdirSync(ci)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      await agree(`${name} -f ci/${file}`, { chart: path.join(SHARED, name), valueFiles: [path.join(ci, file)], kubeVersion: '1.33.0', releaseName: 'ci' });
    }
  });
}

test('prometheus with its dependencies vendored (folders and .tgz): as helm template renders it', async () => {
  const chart = assemblePrometheus(SHARED, tmp, helm);
  const result = await agree('prometheus (assembled)', { chart });
  assert.ok(
    result.documents.some((d) => d.template.startsWith('prometheus/charts/prometheus-node-exporter/')),
    'the packaged subchart rendered',
  );
  assert.ok(result.documents.length > 20);
  await agree('prometheus (assembled) -n monitoring, 1.33, CRDs', {
    chart,
    namespace: 'monitoring',
    releaseName: 'prom',
    kubeVersion: '1.33.0',
    apiVersions: ['monitoring.coreos.com/v1'],
    includeCrds: true,
    set: ['server.replicaCount=2', 'alertmanager.enabled=false'],
  });
});

test('kube-prometheus-stack assembled: as helm template renders it, with CRDs and the monitoring API', async () => {
  const chart = assembleKubePrometheusStack(SHARED, tmp, helm);
  const result = await agree('kube-prometheus-stack (assembled)', { chart, includeCrds: true, apiVersions: ['monitoring.coreos.com/v1'] });
  assert.ok(result.documents.filter((d) => d.kind === 'crd').length >= 8, 'its crds subchart');
  await agree('kube-prometheus-stack (assembled) 1.33, upgrade', { chart, kubeVersion: '1.33.0', isUpgrade: true, releaseName: 'kps', namespace: 'monitoring' });
});

test("a chart with missing dependencies: helm's error, and on request the rest rendered as helm renders the chart without them", async () => {
  const result = await renderChart(engine, { chart: path.join(SHARED, 'prometheus'), renderWithMissingDependencies: true });
  const oracle = helmTemplate({ chart: path.join(SHARED, 'prometheus') });
  assert.equal(oracle.ok, false);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].kind, 'dependencies');
  assert.equal(result.errors[0].message, oracle.error);
  const stripped = copyChart(path.join(SHARED, 'prometheus'), path.join(tmp, 'prometheus-without-deps'));
  dropDependencies(stripped, ['alertmanager', 'kube-state-metrics', 'prometheus-node-exporter', 'prometheus-pushgateway']);
  const rest = helmTemplate({ chart: stripped });
  assert.ok(rest.ok, rest.error);
  assert.equal(helmTemplateText(result.documents), rest.stdout);
});

interface FixtureCase {
  name: string;
  params?: Partial<HelmRenderParams>;
  /** For a chart that must fail: the kind and the place (template file relative to the fixture, line). */
  error?: { kind: string; file?: string; line?: number };
  prepare?: (dir: string) => string;
}

const fixtureCases: FixtureCase[] = [
  { name: 'web' },
  {
    name: 'web',
    params: {
      valueFiles: ['values-prod.yaml'],
      set: ['service.port=8080'],
      setString: ['image.pullPolicy=Always'],
      apiVersions: ['monitoring.coreos.com/v1'],
      kubeVersion: '1.33.4',
      includeCrds: true,
      releaseName: 'shop',
      namespace: 'prod',
    },
  },
  { name: 'web', params: { skipTests: true, isUpgrade: true } },
  {
    name: 'umbrella (a folder subchart with an alias, a library chart, globals, a .tgz subchart)',
    prepare: (dir) => {
      const chart = copyChart(path.join(FIXTURES, 'umbrella'), path.join(dir, 'umbrella'));
      execFileSync(helm, ['package', path.join(FIXTURES, 'packed'), '-d', path.join(chart, 'charts')], { stdio: 'ignore' });
      return chart;
    },
  },
  { name: 'umbrella', error: { kind: 'dependencies' } }, // without its .tgz
  { name: 'editing' }, // the template-editing tests' chart (an aliased folder subchart including its parent's define)
  { name: 'required', error: { kind: 'render', file: 'templates/deployment.yaml', line: 8 } },
  { name: 'fail', error: { kind: 'render', file: 'templates/pod.yaml', line: 1 } },
  { name: 'nil-pointer', error: { kind: 'render', file: 'templates/cm.yaml', line: 6 } },
  { name: 'parse-error', error: { kind: 'parse', file: 'templates/_helpers.tpl', line: 9 } },
  { name: 'missing-dependency', error: { kind: 'dependencies' } },
  { name: 'bad-values', params: { valueFiles: ['values-broken.yaml'] }, error: { kind: 'values' } },
  { name: 'bad-output', error: { kind: 'manifest', file: 'templates/cm.yaml' } },
  { name: 'bad-tgz', error: { kind: 'load' } },
  { name: 'library-only', error: { kind: 'load' } },
  { name: 'wrong-args', error: { kind: 'render', file: 'templates/cm.yaml', line: 6 } },
  { name: 'kube-version', error: { kind: 'render' } },
  { name: 'kube-version', params: { kubeVersion: '1.40.2' } },
];

for (const c of fixtureCases) {
  const fixture = c.name.split(' ')[0];
  test(`fixture ${c.name}${c.params ? ' ' + JSON.stringify(c.params) : ''}: as helm template`, async () => {
    const chart = c.prepare ? c.prepare(fs.mkdtempSync(path.join(tmp, 'case-'))) : path.join(FIXTURES, fixture);
    const params: HelmRenderParams = { ...c.params, chart, valueFiles: c.params?.valueFiles?.map((f) => path.join(chart, f)) };
    const result = await agree(`fixture ${c.name}`, params);
    if (!c.error) return;
    const problem = result.errors[0];
    assert.equal(problem.kind, c.error.kind, problem.message);
    if (c.error.file) {
      const place = problem.places?.at(-1);
      assert.ok(place, `a place in ${problem.message}`);
      assert.equal(place.file, path.join(chart, c.error.file));
      assert.equal(place.line, c.error.line);
    }
  });
}

test('unsaved editor text replaces the file on disk, as if it were saved', async () => {
  const chart = copyChart(path.join(FIXTURES, 'web'), path.join(tmp, 'web-overlay'));
  const values = path.join(chart, 'values.yaml');
  const template = path.join(chart, 'templates', 'configmap.yaml');
  const overlay = {
    [values]: fs.readFileSync(values, 'utf8').replace('replicaCount: 2', 'replicaCount: 7'),
    [template]: fs.readFileSync(template, 'utf8') + '  edited: "yes"\n',
  };
  const result = await renderChart(engine, { chart, overlay });
  for (const [file, text] of Object.entries(overlay)) fs.writeFileSync(file, text);
  const oracle = helmTemplate({ chart });
  assert.ok(oracle.ok, oracle.error);
  assert.equal(helmTemplateText(result.documents), oracle.stdout);
  assert.match(oracle.stdout, /replicas: 7/);
});

test('a symbolic link out of the chart is refused (helm follows it: a deliberate difference)', async () => {
  const chart = copyChart(path.join(FIXTURES, 'web'), path.join(tmp, 'web-symlink'));
  const outside = path.join(tmp, 'secret.txt');
  fs.writeFileSync(outside, 'token: s3cret\n');
  fs.symlinkSync(outside, path.join(chart, 'templates', 'leak.yaml'));
  const result = await renderChart(engine, { chart });
  assert.equal(result.documents.length, 0);
  assert.match(result.errors[0].message, /symbolic link templates\/leak\.yaml points outside the chart/);
  assert.ok(helmTemplate({ chart }).stdout.includes('s3cret'), 'helm itself reads through the link');
  // A link that stays inside the chart is followed, as Helm does.
  fs.rmSync(path.join(chart, 'templates', 'leak.yaml'));
  fs.symlinkSync('service.yaml', path.join(chart, 'templates', 'service-copy.yaml'));
  await agree('web with an inner symlink', { chart });
});

// The source map, on everything rendered above: every literal span copies the template's bytes,
// the spans of a mapped document cover all of it, and few templates are left unmapped.
test('source map: literal spans copy the template source; mapped documents are fully covered', () => {
  let documents = 0;
  let mapped = 0;
  let literal = 0;
  let total = 0;
  const unmapped = new Map<string, string>();
  for (const { label, result } of rendered) {
    const templates = result.templates ?? [];
    for (const t of templates) if (t.unmapped) unmapped.set(`${label}: ${t.name}`, t.unmapped);
    for (const doc of result.documents) {
      if (doc.kind === 'crd') continue;
      documents++;
      const template = templates.find((t) => t.name === doc.template);
      if (!doc.spans?.length || !template) continue;
      mapped++;
      const content = Buffer.from(doc.content);
      const source = template.file ? fs.readFileSync(template.file) : undefined;
      let covered = 0;
      let previous = 0;
      for (const span of doc.spans) {
        assert.ok(span.start >= previous && span.end > span.start, `${label} ${doc.template}: spans in order`);
        previous = span.end;
        covered += span.end - span.start;
        const node = template.nodes[span.node];
        assert.ok(node, `${label} ${doc.template}: node ${span.node}`);
        if (node.kind === 'text') {
          literal += span.end - span.start;
          if (source)
            assert.ok(
              source.subarray(span.offset, span.offset + span.end - span.start).equals(content.subarray(span.start, span.end)),
              `${label} ${doc.template}: literal span ${span.start}-${span.end} copies the template at ${span.offset}`,
            );
        } else if (source) {
          const text = source.subarray(node.start.offset, node.end.offset).toString();
          assert.ok(text.startsWith('{{') && text.endsWith('}}'), `${label} ${doc.template}: action node ${text}`);
        }
      }
      total += content.length;
      assert.equal(covered, content.length, `${label} ${doc.template}: the spans cover the document`);
    }
  }
  console.log(`charts whose helm output varies between runs (compared with those lines masked): ${[...nondeterministic].join(', ') || 'none'}`);
  console.log(`source map: ${mapped}/${documents} documents mapped, ${((100 * literal) / Math.max(1, total)).toFixed(0)}% of their bytes literal template text; unmapped templates: ${unmapped.size}`);
  for (const [name, why] of unmapped) console.log(`  unmapped ${name}: ${why}`);
  assert.ok(documents > 200, 'the corpus rendered');
  assert.ok(mapped >= documents * 0.95, `at least 95% of documents mapped (${mapped}/${documents})`);
});

test('source map: keys and values lead to the template node and the .Values path that wrote them', async () => {
  const chart = path.join(FIXTURES, 'web');
  const result = await renderChart(engine, { chart, sourceMap: ['web/templates/deployment.yaml'] });
  const doc = result.documents.find((d) => d.template === 'web/templates/deployment.yaml')!;
  const templates = result.templates!;
  const at = (needle: string, skip = 0) => {
    const i = Buffer.from(doc.content).indexOf(needle) + skip;
    assert.ok(i >= skip, `${needle} in the rendered deployment`);
    return sourceAt(doc, templates, i)!;
  };
  const source = fs.readFileSync(path.join(chart, 'templates/deployment.yaml'), 'utf8');
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  // A literal key: the exact byte.
  const key = at('replicas:');
  assert.equal(key.node.kind, 'text');
  assert.equal(source.slice(key.offset!, key.offset! + 'replicas:'.length), 'replicas:');
  // A value from values.yaml: the action and the path it reads.
  const replicas = at('replicas: 2', 'replicas: '.length);
  assert.equal(replicas.node.kind, 'action');
  assert.deepEqual(replicas.node.values, ['replicaCount']);
  assert.equal(replicas.node.start.line, 9);
  // Inside with/range: dot resolved.
  const envName = at('- name: LOG_LEVEL', '- name: '.length);
  assert.deepEqual(envName.node.values, ['env.*.name']);
  assert.equal(lineOf(envName.node.start.offset), 27);
  // A block from toYaml | nindent.
  const cpu = at('cpu: 500m');
  assert.deepEqual(cpu.node.values, ['resources']);
  assert.equal(cpu.node.start.line, 32);
  // Output of an include: the include's action, with the named template it calls.
  const label = at('app.kubernetes.io/instance: release-name');
  assert.deepEqual(label.node.includes, ['web.labels']);
  // The checksum of another (mapped) template's output is still right: the marked copy does not leak.
  assert.equal(helmTemplateText(result.documents), helmTemplate({ chart }).stdout);
  assert.equal(templates.find((t) => t.name === 'web/templates/deployment.yaml')?.unmapped, undefined);
});
