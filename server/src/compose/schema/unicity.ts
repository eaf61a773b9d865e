import type { YamlPath } from '../../yaml/parse';
import { isJsonMap, type Json, type JsonMap } from '../document';
import { parseVolume } from '../values';

type Indexer = (entry: Json) => string;

const keyValue: Indexer = (v) => (typeof v === 'string' ? v.split('=')[0] : JSON.stringify(v));
const volume: Indexer = (v) => {
  if (isJsonMap(v)) return String(v.target ?? '');
  if (typeof v !== 'string') return '';
  const spec = parseVolume(v);
  return typeof spec === 'string' ? v : spec.target;
};
const device: Indexer = (v) => (isJsonMap(v) ? String(v.target ?? '') : typeof v === 'string' ? (v.split(':')[1] ?? v) : '');
const mount =
  (base: string): Indexer =>
  (v) =>
    typeof v === 'string' ? `${base}/${v}` : isJsonMap(v) ? (typeof v.target === 'string' ? v.target : `${base}/${String(v.source)}`) : '';
const port: Indexer = (v) => (isJsonMap(v) ? `${String(v.host_ip ?? '0.0.0.0')}:${String(v.published ?? '')}:${String(v.target)}/${String(v.protocol ?? 'tcp')}` : String(v));
const plain: Indexer = (v) => (isJsonMap(v) ? String(v.path ?? '') : String(v));

// compose-go override/uncity.go: lists deduplicated (by these keys, the later entry winning) before schema validation.
const UNIQUE: [string[], Indexer][] = [
  [['networks', '*', 'labels'], keyValue],
  [['networks', '*', 'ipam', 'options'], keyValue],
  ...(
    [
      ['annotations', keyValue],
      ['build.args', keyValue],
      ['build.additional_contexts', keyValue],
      ['build.platform', keyValue],
      ['build.tags', keyValue],
      ['build.labels', keyValue],
      ['cap_add', keyValue],
      ['cap_drop', keyValue],
      ['configs', mount('')],
      ['deploy.labels', keyValue],
      ['dns', keyValue],
      ['dns_opt', keyValue],
      ['dns_search', keyValue],
      ['environment', keyValue],
      ['env_file', plain],
      ['expose', plain],
      ['labels', keyValue],
      ['links', keyValue],
      ['networks.*.aliases', keyValue],
      ['networks.*.link_local_ips', keyValue],
      ['ports', port],
      ['profiles', keyValue],
      ['secrets', mount('/run/secrets')],
      ['sysctls', keyValue],
      ['tmpfs', keyValue],
      ['volumes', volume],
      ['devices', device],
    ] as [string, Indexer][]
  ).map(([p, indexer]): [string[], Indexer] => [['services', '*', ...p.split('.')], indexer]),
];

interface Trie {
  indexer?: Indexer;
  children: Map<string, Trie>;
}

const TRIE: Trie = { children: new Map() };
for (const [pattern, indexer] of UNIQUE) {
  let node = TRIE;
  for (const part of pattern) {
    let next = node.children.get(part);
    if (!next) node.children.set(part, (next = { children: new Map() }));
    node = next;
  }
  node.indexer = indexer;
}

/** The data compose-go validates (duplicates merged) and, per list, the original index of each kept entry. */
export function enforceUnicity(model: JsonMap): { data: JsonMap; remap: Map<string, number[]> } {
  const remap = new Map<string, number[]>();
  // Only maps on the way to a listed path are visited (the patterns as a tree), and copied only when something below changes.
  const visit = (value: Json, at: string[], node: Trie): Json => {
    if (isJsonMap(value)) {
      if (!node.children.size) return value;
      let out: JsonMap | undefined;
      for (const [k, v] of Object.entries(value)) {
        const child = node.children.get(k) ?? node.children.get('*');
        if (!child) continue;
        const next = visit(v, [...at, k], child);
        if (next !== v) (out ??= { ...value })[k] = next;
      }
      return out ?? value;
    }
    const indexer = node.indexer;
    if (!Array.isArray(value) || !indexer) return value;
    const kept: Json[] = [];
    const origin: number[] = [];
    const seen = new Map<string, number>();
    value.forEach((entry, index) => {
      const key = indexer(entry);
      const j = seen.get(key);
      if (j === undefined) {
        seen.set(key, kept.length);
        kept.push(entry);
        origin.push(index);
      } else {
        kept[j] = entry;
        origin[j] = index;
      }
    });
    if (kept.length === value.length) return value;
    remap.set(at.join('\u0000'), origin);
    return kept;
  };
  return { data: visit(model, [], TRIE) as JsonMap, remap };
}

/** A path in the deduplicated data → the same place in the file. */
export function originalPath(path: YamlPath, remap: Map<string, number[]>): YamlPath {
  if (!remap.size) return path;
  return path.map((segment, i) => (typeof segment === 'number' ? (remap.get(path.slice(0, i).join('\u0000'))?.[segment] ?? segment) : segment));
}
