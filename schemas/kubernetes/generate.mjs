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

function moduleDir(version) {
  const out = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { encoding: 'utf8', cwd: '/tmp' });
  return JSON.parse(out).Dir;
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
  for (const [path, item] of Object.entries(swagger.paths)) {
    const gvk = item.post?.['x-kubernetes-group-version-kind'];
    if (!gvk) continue;
    const key = `${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}/${gvk.kind}`;
    (path.includes('/namespaces/{namespace}/') ? namespaced : clusterScoped).add(key);
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
  writeFileSync(join(OUT, `${minor}.json`), JSON.stringify({ version: version.replace(/^v/, ''), source: `k8s.io/kubernetes@${version} api/openapi-spec/swagger.json`, kinds: sortedKinds, scope, chunks }, null, 0));
  return minor;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'chunks'), { recursive: true });
const minors = VERSIONS.map(generate).sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
writeFileSync(join(OUT, 'index.json'), JSON.stringify({ versions: minors }, null, 2) + '\n');
console.log(`generated ${minors.join(', ')} into ${OUT}`);
