import { isJsonMap, type Json, type JsonMap } from './document';
import { hasOwn, own, setOwn } from '../core/own';

/**
 * Merges an override file onto a base model the way compose-go's override.Merge does for the
 * attributes people override: mappings merge key by key, `command`/`entrypoint`/`healthcheck.test`
 * are replaced, list-or-map attributes (environment, labels…) merge as maps, keyed lists (ports,
 * volumes, secrets…) append without duplicates. `origins` records, per dotted path, the files that set it.
 */
export function mergeModels(base: JsonMap, override: JsonMap, file: string, origins?: Map<string, string[]>): JsonMap {
  return mergeMap(base, override, [], file, origins);
}

const REPLACED = new Set(['command', 'entrypoint', 'test', 'image']);
const AS_MAP = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts', 'args', 'driver_opts', 'options']);
const KEYED_LIST: Record<string, (item: Json) => string> = {
  volumes: (v) => (isJsonMap(v) ? String(v.target ?? '') : (String(v).split(':').slice(1, 2)[0] ?? String(v))),
  secrets: (v) => (isJsonMap(v) ? String(v.source ?? '') : String(v)),
  configs: (v) => (isJsonMap(v) ? String(v.source ?? '') : String(v)),
  ports: (v) => JSON.stringify(v),
  expose: (v) => String(v),
  dns: (v) => String(v),
  dns_search: (v) => String(v),
  cap_add: (v) => String(v),
  cap_drop: (v) => String(v),
  devices: (v) => JSON.stringify(v),
  env_file: (v) => JSON.stringify(v),
  external_links: (v) => String(v),
  links: (v) => String(v),
  tmpfs: (v) => String(v),
  security_opt: (v) => String(v),
  profiles: (v) => String(v),
};

function mergeMap(base: JsonMap, override: JsonMap, at: string[], file: string, origins: Map<string, string[]> | undefined): JsonMap {
  const out: JsonMap = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const here = [...at, key];
    if (origins) record(origins, here, file);
    const inBase = hasOwn(base, key);
    setOwn(out, key, inBase ? mergeValue(base[key], value, here, file, origins) : value);
    if (origins && !inBase) recordAll(origins, here, value, file);
  }
  return out;
}

function mergeValue(base: Json, override: Json, at: string[], file: string, origins: Map<string, string[]> | undefined): Json {
  const key = at[at.length - 1];
  const inService = at[0] === 'services' && at.length >= 3;
  if (inService && REPLACED.has(key)) return override;
  if (inService && (AS_MAP.has(key) || key === 'depends_on' || key === 'networks') && (Array.isArray(base) || Array.isArray(override))) {
    return mergeMap(listToMap(base, key), listToMap(override, key), at, file, origins);
  }
  if (inService && key === 'build' && (typeof base === 'string' || typeof override === 'string')) {
    return mergeMap(buildMap(base), buildMap(override), at, file, origins);
  }
  if (isJsonMap(base) && isJsonMap(override)) return mergeMap(base, override, at, file, origins);
  if (Array.isArray(base) && Array.isArray(override)) {
    const keyOf = inService ? own(KEYED_LIST, key) : undefined;
    if (!keyOf) return [...base, ...override.filter((item) => !base.some((b) => JSON.stringify(b) === JSON.stringify(item)))];
    const merged = new Map<string, Json>();
    for (const item of base) merged.set(keyOf(item), item);
    for (const item of override) merged.set(keyOf(item), item);
    return [...merged.values()];
  }
  return override;
}

function listToMap(value: Json, key: string): JsonMap {
  if (isJsonMap(value)) return value;
  const out: JsonMap = {};
  if (!Array.isArray(value)) return out;
  for (const item of value) {
    const text = String(item);
    if (key === 'depends_on') out[text] = { condition: 'service_started', required: true };
    else if (key === 'networks') out[text] = null;
    else {
      const eq = text.indexOf(key === 'extra_hosts' && !text.includes('=') ? ':' : '=');
      if (eq < 0) out[text] = null;
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    }
  }
  return out;
}

function buildMap(value: Json): JsonMap {
  return typeof value === 'string' ? { context: value } : isJsonMap(value) ? value : {};
}

function record(origins: Map<string, string[]>, at: string[], file: string): void {
  const key = at.join('.');
  const list = origins.get(key);
  if (!list) origins.set(key, [file]);
  else if (list[list.length - 1] !== file) list.push(file);
}

function recordAll(origins: Map<string, string[]>, at: string[], value: Json, file: string): void {
  if (at.length > 4 || !isJsonMap(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    record(origins, [...at, key], file);
    recordAll(origins, [...at, key], inner, file);
  }
}

/** The origins of a freshly loaded first file. */
export function originsOf(model: JsonMap, file: string): Map<string, string[]> {
  const origins = new Map<string, string[]>();
  for (const [key, value] of Object.entries(model)) {
    record(origins, [key], file);
    recordAll(origins, [key], value, file);
  }
  return origins;
}
