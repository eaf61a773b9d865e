import { isScalar, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { lookup, rangeOfOffsets, type YamlPath } from '../yaml/parse';
import { isJsonMap, type ComposeDocument } from './document';
import type { ResourceKind } from './project';
import { rangeAt, servicesOf } from './rule';
import { parseVolume } from './values';

/** A place where a file names a service, volume, network, secret or config. */
export interface Reference {
  kind: ResourceKind;
  name: string;
  /** The service doing the referring, and the attribute (depends_on, volumes…). */
  service: string;
  attribute: string;
  path: YamlPath;
  part: 'key' | 'value';
  /** Where the name starts inside the scalar (e.g. after `service:`). */
  offset: number;
}

const memo = new WeakMap<ComposeDocument, Reference[]>();

/** Every reference a file makes, from its services' attributes (computed once per parsed file). */
export function referencesOf(compose: ComposeDocument): Reference[] {
  const known = memo.get(compose);
  if (known) return known;
  const refs: Reference[] = [];
  memo.set(compose, refs);
  for (const section of ['services', 'jobs'] as const) {
    for (const [service, def] of servicesOf(compose, section)) {
      const at = (attribute: string, ...rest: (string | number)[]): YamlPath => [section, service, attribute, ...rest];
      const add = (kind: ResourceKind, name: string, attribute: string, path: YamlPath, part: 'key' | 'value' = 'value', offset = 0) => {
        if (name) refs.push({ kind, name, service, attribute, path, part, offset });
      };
      const dependsOn = def.depends_on;
      if (Array.isArray(dependsOn)) dependsOn.forEach((d, i) => typeof d === 'string' && add('services', d, 'depends_on', at('depends_on', i)));
      else if (isJsonMap(dependsOn)) for (const name of Object.keys(dependsOn)) add('services', name, 'depends_on', at('depends_on', name), 'key');
      if (Array.isArray(def.links)) def.links.forEach((l, i) => typeof l === 'string' && add('services', l.split(':')[0], 'links', at('links', i)));
      if (isJsonMap(def.extends) && typeof def.extends.service === 'string' && def.extends.file === undefined) add('services', def.extends.service, 'extends', at('extends', 'service'));
      else if (typeof def.extends === 'string') add('services', def.extends, 'extends', at('extends'));
      if (Array.isArray(def.volumes_from))
        def.volumes_from.forEach((v, i) => {
          if (typeof v !== 'string' || v.startsWith('container:')) return;
          const name = v.startsWith('service:') ? v.slice(8).split(':')[0] : v.split(':')[0];
          add('services', name, 'volumes_from', at('volumes_from', i), 'value', v.startsWith('service:') ? 8 : 0);
        });
      for (const attribute of ['network_mode', 'ipc', 'pid'] as const) {
        const value = def[attribute];
        if (typeof value === 'string' && value.startsWith('service:')) add('services', value.slice(8), attribute, at(attribute), 'value', 8);
      }
      if (Array.isArray(def.volumes))
        def.volumes.forEach((v, i) => {
          if (typeof v === 'string') {
            const spec = parseVolume(v);
            if (typeof spec !== 'string' && spec.type === 'volume' && spec.source) add('volumes', spec.source, 'volumes', at('volumes', i));
          } else if (isJsonMap(v) && (v.type === 'volume' || v.type === undefined) && typeof v.source === 'string' && v.source) {
            add('volumes', v.source, 'volumes', at('volumes', i, 'source'));
          }
        });
      const networks = def.networks;
      if (Array.isArray(networks)) networks.forEach((n, i) => typeof n === 'string' && add('networks', n, 'networks', at('networks', i)));
      else if (isJsonMap(networks)) for (const name of Object.keys(networks)) add('networks', name, 'networks', at('networks', name), 'key');
      for (const kind of ['secrets', 'configs'] as const) {
        const list = def[kind];
        if (Array.isArray(list))
          list.forEach((s, i) => {
            if (typeof s === 'string') add(kind, s, kind, at(kind, i));
            else if (isJsonMap(s) && typeof s.source === 'string') add(kind, s.source, kind, at(kind, i, 'source'));
          });
      }
      if (isJsonMap(def.build) && Array.isArray(def.build.secrets))
        def.build.secrets.forEach((s, i) => {
          if (typeof s === 'string') add('secrets', s, 'build.secrets', at('build', 'secrets', i));
          else if (isJsonMap(s) && typeof s.source === 'string') add('secrets', s.source, 'build.secrets', at('build', 'secrets', i, 'source'));
        });
      const models = def.models;
      if (Array.isArray(models)) models.forEach((m, i) => typeof m === 'string' && add('models', m, 'models', at('models', i)));
      else if (isJsonMap(models)) for (const name of Object.keys(models)) add('models', name, 'models', at('models', name), 'key');
    }
  }
  return refs;
}

/** The exact range of the referenced name: inside the scalar when its source spells it, else the whole node. */
export function referenceRange(compose: ComposeDocument, ref: Pick<Reference, 'path' | 'part' | 'offset' | 'name'>): Range {
  const node = nodeAt(compose, ref.path, ref.part);
  if (node && isScalar(node) && node.range) {
    const [start, end] = node.range;
    const source = compose.text.slice(start, end);
    const quote = source[0] === '"' || source[0] === "'" ? 1 : 0;
    const at = start + quote + ref.offset;
    if (compose.text.slice(at, at + ref.name.length) === ref.name) return rangeOfOffsets(compose.document, at, at + ref.name.length);
  }
  return rangeAt(compose, ref.path, ref.part);
}

/** The key or value node at a path of this file. */
export function nodeAt(compose: ComposeDocument, path: YamlPath, part: 'key' | 'value'): Node | undefined {
  if (!compose.doc) return undefined;
  const { pair, value } = lookup(compose.doc, path);
  return part === 'key' ? (pair?.key as Node | undefined) : value;
}

/** Where each top-level resource is declared in this file: the key of `volumes.data`. */
export function declarationsOf(compose: ComposeDocument, kind: ResourceKind): { name: string; range: Range }[] {
  const section = compose.model[kind];
  if (!isJsonMap(section)) return [];
  return Object.keys(section).map((name) => ({ name, range: referenceRange(compose, { path: [kind, name], part: 'key', offset: 0, name }) }));
}
