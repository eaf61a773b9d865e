#!/usr/bin/env node
// Generates Shipshape's bundled CRD catalog: the CustomResourceDefinitions widely used projects ship, so
// their custom resources are validated with no cluster and no CRD in the workspace.
//
// Sources (pinned; fetched with `go mod download` through the Go module proxy): the CRD YAML each project
// ships in its Go module, and for the Prometheus Operator, whose API module ships Go types only,
// controller-gen (sigs.k8s.io/controller-tools, pinned in this folder's go.mod) run over those types.
//
// Output (schemas/crds/generated/):
//   index.json                   the sets (module, version, sum, licence) and every group-version:
//                                its file, its set, its kinds and their scope (read at the first custom resource)
//   <group>_<version>.json       the openAPIV3Schema of each kind of one group-version, as the CRD has it
//                                (read when a document of that group-version is first validated)
// Gateway API ships two channels of the same group-versions; a kind of a group-version comes from the
// standard channel when that channel serves it, else from the experimental one (the channel's own CRD), so
// standard resources are held to what a standard install accepts and experimental-only kinds still validate.
//
// Usage: node schemas/crds/generate.mjs [--check]   (needs `go` and the module proxy, or a warm GOMODCACHE)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'generated');
const check = process.argv.includes('--check');

/** Each set: its module, the folders of CRD YAML inside it (or `controllerGen` packages), in order of preference. */
const SETS = [
  { name: 'gateway-api', title: 'Gateway API', module: 'sigs.k8s.io/gateway-api', version: 'v1.6.3', dirs: ['config/crd/standard', 'config/crd/experimental'] },
  {
    name: 'prometheus-operator',
    title: 'Prometheus Operator',
    module: 'github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring',
    version: 'v0.95.2',
    controllerGen: 'github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/...',
  },
  { name: 'cert-manager', title: 'cert-manager', module: 'github.com/cert-manager/cert-manager', version: 'v1.21.2', dirs: ['deploy/crds'] },
  { name: 'istio', title: 'Istio', module: 'istio.io/api', version: 'v1.32.0', dirs: ['kubernetes'] },
  // v3.6 needs go1.27; v3.5.7 is the newest the project's Go (1.26) fetches.
  { name: 'argo-cd', title: 'Argo CD', module: 'github.com/argoproj/argo-cd/v3', version: 'v3.5.7', dirs: ['manifests/crds'] },
];

function download(module, version) {
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], { encoding: 'utf8', cwd: tmpdir() }));
  if (info.Error) throw new Error(`${module}@${version}: ${info.Error}`);
  return info;
}

/** The CRD YAML files of a set: the module's own, or controller-gen's output over its types. */
function crdFiles(set, dir) {
  if (!set.controllerGen) return set.dirs.map((d) => ({ channel: set.dirs.length > 1 ? d.split('/').pop() : undefined, files: yamlFiles(join(dir, d)) }));
  const out = mkdtempSync(join(tmpdir(), 'shipshape-crds-'));
  execFileSync('go', ['run', 'sigs.k8s.io/controller-tools/cmd/controller-gen', 'crd:crdVersions=v1', `paths=${set.controllerGen}`, `output:crd:dir=${out}`], { cwd: HERE, stdio: ['ignore', 'inherit', 'inherit'] });
  return [{ channel: undefined, files: yamlFiles(out), cleanup: out }];
}

function yamlFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')
    .sort()
    .map((f) => join(dir, f));
}

/** The served versions of every CRD in a file: { apiVersion, kind, scope, schema }. */
function kindsOf(file) {
  const out = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition' || crd.apiVersion !== 'apiextensions.k8s.io/v1') continue;
    const { group, names, scope } = crd.spec;
    for (const v of crd.spec.versions ?? []) {
      if (v.served === false || !v.schema?.openAPIV3Schema) continue;
      out.push({
        group,
        version: v.name,
        kind: names.kind,
        scope: scope === 'Cluster' ? 'Cluster' : 'Namespaced',
        schema: v.schema.openAPIV3Schema,
        // What rebuilding the CRD needs (the live oracle installs the catalog as CRDs): names, storage, subresources.
        crd: {
          plural: names.plural,
          ...(v.storage ? { storage: true } : {}),
          ...(v.subresources ? { subresources: Object.keys(v.subresources).sort() } : {}),
          ...(v.deprecated ? { deprecated: true } : {}),
        },
        approved: crd.metadata?.annotations?.['api-approved.kubernetes.io'],
      });
    }
  }
  return out;
}

const index = { sets: {}, groupVersions: {} };
const files = new Map();
for (const set of SETS) {
  const info = download(set.module, set.version);
  const seen = new Set();
  for (const { channel, files: yamls, cleanup } of crdFiles(set, info.Dir)) {
    for (const file of yamls) {
      for (const k of kindsOf(file)) {
        const gv = `${k.group}/${k.version}`;
        // The first channel that serves a kind of a group-version wins (standard before experimental).
        if (seen.has(`${gv}/${k.kind}`)) continue;
        seen.add(`${gv}/${k.kind}`);
        const entry = (index.groupVersions[gv] ??= { set: set.name, file: `${k.group}_${k.version}.json`, kinds: {} });
        if (entry.set !== set.name) throw new Error(`${gv} is in two sets: ${entry.set} and ${set.name}`);
        if (k.approved) entry.approved = k.approved;
        entry.kinds[k.kind] = { scope: k.scope, ...(channel ? { channel } : {}), ...k.crd };
        const data = files.get(entry.file) ?? {};
        data[k.kind] = k.schema;
        files.set(entry.file, data);
      }
    }
    if (cleanup) rmSync(cleanup, { recursive: true, force: true });
  }
  index.sets[set.name] = { title: set.title, module: set.module, version: set.version, sum: info.Sum, licence: 'Apache-2.0', ...(set.controllerGen ? { generatedBy: 'sigs.k8s.io/controller-tools v0.23.0 (controller-gen crd:crdVersions=v1)' } : {}) };
  const licence = join(HERE, 'licenses', set.name);
  if (!check) {
    mkdirSync(licence, { recursive: true });
    copyFileSync(join(info.Dir, 'LICENSE'), join(licence, 'LICENSE'));
  }
}

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
index.groupVersions = sorted(index.groupVersions);
const outputs = new Map([['index.json', `${JSON.stringify(index, null, 1)}\n`]]);
for (const [file, data] of files) outputs.set(file, `${JSON.stringify(sorted(data))}\n`);

if (check) {
  const stale = [...outputs].filter(([file, text]) => {
    try {
      return readFileSync(join(OUT, file), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`stale: ${stale.map(([f]) => f).join(', ')}`);
    process.exit(1);
  }
} else {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const [file, text] of outputs) writeFileSync(join(OUT, file), text);
  const bytes = [...outputs.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(`${outputs.size - 1} group-versions, ${Object.values(index.groupVersions).reduce((n, g) => n + Object.keys(g.kinds).length, 0)} kinds, ${(bytes / 1e6).toFixed(2)} MB`);
}
