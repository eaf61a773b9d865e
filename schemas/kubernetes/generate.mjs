#!/usr/bin/env node
// Generates Shipshape's bundled Kubernetes schemas from upstream, one index per minor version.
//
// Source: the OpenAPI v2 document that the Kubernetes project generates from its Go types and publishes
// in its repository (api/openapi-spec/swagger.json of the Go module k8s.io/kubernetes vX.Y.Z, fetched
// through the Go module proxy with `go mod download`). It is the same document kube-apiserver serves at
// /openapi/v2 for its built-in types.
//
// Output (schemas/kubernetes/generated/):
//   index.json                 the bundled versions, newest first
//   <minor>.json               per version: gvk -> definition, package -> chunk hash, exact patch version
//   chunks/<hash>.json         the definitions of one Go package (io.k8s.api.apps.v1 ...), compacted;
//                              identical packages across versions are stored once (content hash)
// <minor>.json also says which of its kinds a kube-apiserver of that version serves with no --runtime-config
// (`offByDefault`): read from the same module's pkg/controlplane/instance.go DefaultAPIResourceConfigSource()
// (and apiextensions-apiserver's / kube-aggregator's, for their groups). The function bodies are evaluated
// statement by statement as serverstorage.ResourceConfig would; an unknown statement stops the generator,
// so an upstream change cannot be misread silently.
// The server loads a chunk only when a kind that needs it is validated, so memory follows what you edit.
//
// Usage: node schemas/kubernetes/generate.mjs [v1.36.3 v1.35.4 ...]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSIONS = process.argv.slice(2).length ? process.argv.slice(2) : ['v1.36.3', 'v1.35.4', 'v1.34.4', 'v1.33.13'];
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'generated');

/** Definitions whose wire form is not what their Go struct says (custom JSON marshalling). */
const SPECIAL = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'date-time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'date-time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Duration': 'string',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'any',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'any',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': 'any',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': 'any',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': 'any',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': 'any',
};

function moduleDir(version, module = 'k8s.io/kubernetes') {
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${version}`], { encoding: 'utf8', cwd: '/tmp' });
  return JSON.parse(out).Dir;
}

/** Import name → Go package path, from a Go file's import block. */
function goImports(src) {
  const block = /^import \(([\s\S]*?)^\)/m.exec(src)?.[1] ?? '';
  const out = new Map();
  for (const m of block.matchAll(/^\s*(?:(\w+)\s+)?"([^"]+)"/gm)) out.set(m[1] ?? m[2].slice(m[2].lastIndexOf('/') + 1), m[2]);
  return out;
}

/**
 * The default resource configuration a Go file's `Default…APIResourceConfigSource()` builds, evaluated from its
 * source: `ret.EnableVersions/DisableVersions(list... | pkg.SchemeGroupVersion, …)` and
 * `ret.EnableResources/DisableResources(pkg.SchemeGroupVersion.WithResource("r"), …)`, where lists are
 * `var x = []schema.GroupVersion{…}` of the same file. Returns versions/resources keyed by Go package path.
 */
function resourceConfigOf(file, fn = 'DefaultAPIResourceConfigSource') {
  const src = readFileSync(file, 'utf8');
  const imports = goImports(src);
  const pkgOf = (name) => {
    const pkg = imports.get(name);
    if (!pkg) throw new Error(`${file}: unknown import ${name}`);
    return pkg;
  };
  const lists = new Map();
  for (const m of src.matchAll(/^\s*(\w+)\s*=\s*\[\]schema\.GroupVersion\{([\s\S]*?)\n\s*\}/gm)) {
    const items = m[2].split('\n').map((l) => l.replace(/\/\/.*/, '').trim()).filter(Boolean);
    lists.set(m[1], items.map((item) => {
      const gv = /^(\w+)\.SchemeGroupVersion,?$/.exec(item);
      if (!gv) throw new Error(`${file}: ${m[1]}: cannot read "${item}"`);
      return pkgOf(gv[1]);
    }));
  }
  const evaluate = (name) => {
    const body = new RegExp(`^func ${name}\\(\\) \\*serverstorage\\.ResourceConfig \\{([\\s\\S]*?)^\\}`, 'm').exec(src)?.[1];
    if (body === undefined) throw new Error(`${file}: no func ${name}()`);
    const code = body.replace(/\/\/.*$/gm, '');
    let config;
    const statement = /ret :=\s*serverstorage\.NewResourceConfig\(\)|ret :=\s*(\w+)\(\)|ret\.(Enable|Disable)(Versions|Resources)\(([^()]*(?:\([^()]*\)[^()]*)*)\)|return ret/g;
    let rest = code;
    for (const m of code.matchAll(statement)) {
      rest = rest.replace(m[0], '');
      if (m[0].startsWith('return')) break;
      if (m[0].startsWith('ret :=')) {
        config = m[1] ? evaluate(m[1]) : { versions: new Map(), resources: new Map() };
        continue;
      }
      const enabled = m[2] === 'Enable';
      const args = m[4].split(',').map((a) => a.trim()).filter(Boolean);
      for (const arg of args) {
        if (m[3] === 'Versions') {
          const spread = /^(\w+)\.\.\.$/.exec(arg);
          const one = /^(\w+)\.SchemeGroupVersion$/.exec(arg);
          const pkgs = spread ? lists.get(spread[1]) : one ? [pkgOf(one[1])] : undefined;
          if (!pkgs) throw new Error(`${file}: ${name}: cannot read ${m[0]}`);
          for (const pkg of pkgs) config.versions.set(pkg, enabled);
        } else {
          const r = /^(\w+)\.SchemeGroupVersion\.WithResource\("([^"]+)"\)$/.exec(arg);
          if (!r) throw new Error(`${file}: ${name}: cannot read ${m[0]}`);
          config.resources.set(`${pkgOf(r[1])}/${r[2]}`, enabled);
        }
      }
    }
    if (rest.trim() !== '' || !config) throw new Error(`${file}: ${name}: statements not understood: ${rest.trim().slice(0, 200)}`);
    return config;
  };
  return evaluate(fn);
}

const refName = (ref) => ref.replace('#/definitions/', '');
const packageOf = (name) => name.slice(0, name.lastIndexOf('.'));

/** Compacts one OpenAPI v2 schema: t type, d description, p properties, r required, i items, a additionalProperties, $ ref. */
function compact(schema) {
  const out = {};
  if (schema.description) out.d = schema.description;
  if (schema.$ref) {
    out.$ = refName(schema.$ref);
    return out;
  }
  if (schema.type === 'object' || schema.properties) {
    if (schema.properties) {
      out.t = 'object';
      out.p = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, compact(value)]));
      if (schema.required?.length) out.r = schema.required;
    } else if (schema.additionalProperties) {
      out.t = 'map';
      out.a = compact(schema.additionalProperties);
    } else {
      out.t = 'any';
    }
    return out;
  }
  if (schema.type === 'array') {
    out.t = 'array';
    out.i = compact(schema.items ?? {});
    return out;
  }
  if (schema.type === 'string') {
    out.t = schema.format === 'byte' ? 'byte' : 'string';
    return out;
  }
  if (schema.type === 'integer') {
    out.t = schema.format === 'int32' ? 'int32' : 'int64';
    return out;
  }
  if (schema.type === 'number' || schema.type === 'boolean') {
    out.t = schema.type;
    return out;
  }
  out.t = 'any';
  return out;
}

function definition(name, schema) {
  const special = SPECIAL[name];
  if (special) return { t: special, ...(schema.description ? { d: schema.description } : {}) };
  return compact(schema);
}

/**
 * The group-version of a Go API package, read from the OpenAPI definitions of the same package:
 * k8s.io/api/storage/v1beta1 → io.k8s.api.storage.v1beta1.* → storage.k8s.io/v1beta1. kube-apiserver names some
 * group-versions by their internal conversion package (k8s.io/kubernetes/pkg/apis/flowcontrol/v1), which by
 * convention serves the same group-version as k8s.io/api/flowcontrol/v1. Undefined for a package with no kinds here.
 */
function groupVersionOfPackage(goPackage, swagger) {
  const prefix = goPackage.replace(/^k8s\.io\/kubernetes\/pkg\/apis\//, 'k8s.io/api/').replace(/^k8s\.io\//, 'io.k8s.').replaceAll('/', '.') + '.';
  for (const [name, schema] of Object.entries(swagger.definitions)) {
    if (!name.startsWith(prefix) || name.slice(prefix.length).includes('.')) continue;
    const gvk = schema['x-kubernetes-group-version-kind']?.[0];
    if (gvk) return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  }
  return undefined;
}

/**
 * The kinds of `kinds` that the default kube-apiserver of `version` does not serve. A kind is served when its
 * resource is explicitly enabled, or its group-version is (ResourceConfig.ResourceEnabled); a group-version no
 * default config names is not served.
 */
function offByDefault(version, dir, swagger, kinds, resourceOf) {
  const staging = version.replace(/^v1\./, 'v0.');
  const versions = new Map();
  const resources = new Map();
  for (const file of [
    join(dir, 'pkg/controlplane/instance.go'),
    join(moduleDir(staging, 'k8s.io/apiextensions-apiserver'), 'pkg/apiserver/apiserver.go'),
    join(moduleDir(staging, 'k8s.io/kube-aggregator'), 'pkg/apiserver/apiserver.go'),
  ]) {
    // Each group belongs to one of the three servers, so their configurations never name the same group-version.
    const config = resourceConfigOf(file);
    for (const [pkg, enabled] of config.versions) {
      const gv = groupVersionOfPackage(pkg, swagger);
      if (gv) versions.set(gv, enabled);
    }
    for (const [key, enabled] of config.resources) {
      const slash = key.lastIndexOf('/');
      const gv = groupVersionOfPackage(key.slice(0, slash), swagger);
      if (gv) resources.set(`${gv}/${key.slice(slash + 1)}`, enabled);
    }
  }
  const off = [];
  for (const key of Object.keys(kinds)) {
    const gv = key.slice(0, key.lastIndexOf('/'));
    const resource = resourceOf.get(key);
    const explicit = resource ? resources.get(`${gv}/${resource}`) : undefined;
    if (!(explicit ?? versions.get(gv) ?? false)) off.push(key);
  }
  return off;
}

function generate(version) {
  const dir = moduleDir(version);
  const swagger = JSON.parse(readFileSync(join(dir, 'api/openapi-spec/swagger.json'), 'utf8'));
  const packages = new Map();
  const kinds = {};
  for (const [name, schema] of Object.entries(swagger.definitions)) {
    const pkg = packageOf(name);
    if (!packages.has(pkg)) packages.set(pkg, {});
    packages.get(pkg)[name.slice(pkg.length + 1)] = definition(name, schema);
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      // WatchEvent, DeleteOptions… carry a gvk per group; only real resources have apiVersion+kind+metadata.
      if (!schema.properties?.metadata || !schema.properties?.kind) continue;
      if (gvk.kind.endsWith('List') && schema.properties.items) continue;
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      kinds[`${apiVersion}/${gvk.kind}`] = name;
    }
  }
  const namespaced = new Set();
  const clusterScoped = new Set();
  const resourceOf = new Map();
  for (const [path, item] of Object.entries(swagger.paths)) {
    const gvk = item.post?.['x-kubernetes-group-version-kind'];
    if (!gvk) continue;
    const key = `${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}/${gvk.kind}`;
    (path.includes('/namespaces/{namespace}/') ? namespaced : clusterScoped).add(key);
    if (!path.includes('{name}')) resourceOf.set(key, path.slice(path.lastIndexOf('/') + 1));
  }
  const chunks = {};
  for (const [pkg, definitions] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const text = JSON.stringify(definitions);
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    writeFileSync(join(OUT, 'chunks', `${hash}.json`), text);
    chunks[pkg] = hash;
  }
  const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
  const scope = Object.fromEntries(Object.keys(sortedKinds).map((key) => [key, namespaced.has(key) ? 'Namespaced' : clusterScoped.has(key) ? 'Cluster' : 'Namespaced']));
  const minor = version.replace(/^v/, '').split('.').slice(0, 2).join('.');
  const off = offByDefault(version, dir, swagger, sortedKinds, resourceOf);
  const served = `k8s.io/kubernetes@${version} pkg/controlplane/instance.go DefaultAPIResourceConfigSource(), k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator@${version.replace(/^v1\./, 'v0.')} pkg/apiserver/apiserver.go DefaultAPIResourceConfigSource()`;
  writeFileSync(join(OUT, `${minor}.json`), JSON.stringify({ version: version.replace(/^v/, ''), source: `k8s.io/kubernetes@${version} api/openapi-spec/swagger.json`, kinds: sortedKinds, scope, chunks, servedSource: served, offByDefault: off }, null, 0));
  console.log(`${minor}: ${Object.keys(sortedKinds).length} kinds, ${off.length} not served by default (${[...new Set(off.map((k) => k.slice(0, k.lastIndexOf('/'))))].join(' ')})`);
  return minor;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'chunks'), { recursive: true });
const minors = VERSIONS.map(generate).sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
writeFileSync(join(OUT, 'index.json'), JSON.stringify({ versions: minors }, null, 2) + '\n');
console.log(`generated ${minors.join(', ')} into ${OUT}`);
