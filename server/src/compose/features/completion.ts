import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import type { YamlPath } from '../../yaml/parse';
import { analyze } from '../analysis';
import { isJsonMap, type ComposeDocument, type Json } from '../document';
import { parseDotenv } from '../dotenv';
import type { ComposeProject, ResourceKind } from '../project';
import { branches, COMPOSE_SCHEMA, describe, pointer, propertiesOf, schemaAt, type SchemaNode } from '../schema/schema-index';
import { STACK_SCHEMA } from '../stack/schema';
import { valueAt } from '../walk';
import { itemPath, parentPath } from './position';

/** Which names a list item or mapping key under a service attribute refers to. */
const REFERENCE_LISTS: Record<string, ResourceKind> = {
  depends_on: 'services',
  links: 'services',
  volumes_from: 'services',
  networks: 'networks',
  secrets: 'secrets',
  configs: 'configs',
  volumes: 'volumes',
  models: 'models',
};

/** Completion from the schema (keys, enum values) and from the project (service, volume, network… names). */
export function composeCompletion(file: SourceFile, position: Position, ctx: ServiceContext): CompletionItem[] {
  const { compose, project } = analyze(file, ctx.settings, ctx.workspace);
  const lines = file.text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const service = (path: YamlPath) => (path[0] === 'services' && typeof path[1] === 'string' ? path[1] : undefined);
  // A stack file completes from docker/cli's schema (annotated with the swarm's enums), not compose-go's.
  const root = compose.stack ? STACK_SCHEMA : COMPOSE_SCHEMA;

  // `${NA|`: variables from .env and the ones the file already uses.
  const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (variable && !/\$\$\{?[A-Za-z0-9_]*$/.test(before)) return variableItems(compose, ctx);

  // `- name` list item, or `key: [a, b` flow list.
  const item = /^(\s*)-\s+([^\s:]*)$/.exec(before);
  const flow = /^(\s*)([\w.-]+):\s*\[(?:[^\]]*,)?\s*([^\s,\]]*)$/.exec(before);
  if (item || flow) {
    const indent = item ? item[1].length : flow![1].length;
    const parent = flow ? [...parentPath(lines, position.line, indent), flow[2]] : itemPath(lines, position.line, indent).slice(0, -1);
    const names = referenceNames(parent, project);
    if (names) return names;
    return valueItems(schemaAt([...parent, 0], root), root);
  }

  // `key: val|` → values for that key.
  const value = /^(\s*)(?:-\s+)?("[^"]*"|[\w.-]+):\s+(\S*)$/.exec(before);
  if (value) {
    // `- key: ` starts a mapping inside a list item of the list the dash belongs to.
    const parent = /^\s*-\s/.test(before) ? itemPath(lines, position.line, value[1].length) : parentPath(lines, position.line, value[1].length);
    const path = [...parent, value[2].replace(/"/g, '')];
    if (path[path.length - 1] === 'network_mode' || path[path.length - 1] === 'ipc' || path[path.length - 1] === 'pid') {
      return [...project.names.services].filter((n) => n !== service(path)).map((n) => named(`service:${n}`, CompletionItemKind.Reference));
    }
    if (path[path.length - 1] === 'service' && path[path.length - 2] === 'extends') return [...project.names.services].map((n) => named(n, CompletionItemKind.Reference));
    // Long syntax `- source: …` under a service's secrets, configs or volumes.
    if (path[path.length - 1] === 'source' && path[0] === 'services' && typeof path[path.length - 2] === 'number') {
      const kind = REFERENCE_LISTS[String(path[path.length - 3])];
      if (kind && kind !== 'services') return [...project.names[kind]].map((n) => named(n, CompletionItemKind.Reference));
    }
    return valueItems(schemaAt(path, root), root);
  }

  // A key being typed.
  const key = /^(\s*)(-\s+)?([\w.-]*)$/.exec(before);
  if (key) {
    const column = key[1].length + (key[2]?.length ?? 0);
    const parent = key[2] ? itemPath(lines, position.line, key[1].length) : parentPath(lines, position.line, column);
    const last = parent[parent.length - 1];
    // depends_on / networks mapping form: keys are names.
    if (parent.length === 4 && parent[0] === 'services' && typeof last === 'string' && (last === 'depends_on' || last === 'networks')) {
      return referenceNames(parent, project) ?? [];
    }
    const existing = valueAt(compose.model, ...parent);
    const present = new Set(isJsonMap(existing) ? Object.keys(existing) : []);
    const schema = schemaAt(parent, root);
    const items: CompletionItem[] = [];
    for (const [name, child] of propertiesOf(schema, root)) {
      if (present.has(name)) continue;
      const doc = describe(child, root);
      const deprecated = branches(child, 0, root).some((b) => b.deprecated === true);
      items.push({
        label: name,
        kind: CompletionItemKind.Property,
        insertText: `${name}: ${snippetFor(child, root)}`,
        insertTextFormat: InsertTextFormat.Snippet,
        documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
        tags: deprecated ? [1] : undefined,
        sortText: deprecated ? `z${name}` : name,
      });
    }
    return items;
  }
  return [];
}

function variableItems(compose: ComposeDocument, ctx: ServiceContext): CompletionItem[] {
  const names = new Map<string, string>();
  // A stack reads no .env (stack/environment.ts): only the variables the file uses.
  const dotenv = compose.stack ? undefined : ctx.workspace.readFile(compose.env.dotenvPath);
  if (dotenv !== undefined) for (const entry of parseDotenv(dotenv, compose.env.lookup)) names.set(entry.name, `${entry.value} (from .env)`);
  for (const use of compose.uses) if (!names.has(use.item.name)) names.set(use.item.name, compose.env.lookup(use.item.name) === undefined ? 'not set' : 'set in the environment');
  return [...names].map(([label, detail]) => ({ label, kind: CompletionItemKind.Variable, detail }));
}

function referenceNames(parent: YamlPath, project: ComposeProject): CompletionItem[] | undefined {
  if (parent[0] !== 'services' || (parent.length !== 3 && !(parent.length === 4 && parent[2] === 'build'))) return undefined;
  const attribute = String(parent[parent.length - 1]);
  const kind = parent[2] === 'build' && attribute === 'secrets' ? 'secrets' : REFERENCE_LISTS[attribute];
  if (!kind) return undefined;
  const self = String(parent[1]);
  const names = [...project.names[kind]].filter((n) => kind !== 'services' || n !== self);
  return names.map((n) => {
    const completion = named(kind === 'volumes' ? `${n}:` : n, CompletionItemKind.Reference);
    completion.detail = `${kind.slice(0, -1)} declared in the project`;
    return completion;
  });
}

function named(label: string, kind: CompletionItemKind): CompletionItem {
  return { label, kind };
}

/**
 * Closed sets the schema leaves as plain strings (its description lists them): what the engine or compose
 * accepts. `no` is quoted when inserted, as YAML 1.1 readers take a bare `no` for false.
 */
const STRING_VALUES = new Map<SchemaNode | undefined, readonly string[]>([
  [pointer('#/$defs/service/properties/restart'), ['no', 'always', 'on-failure', 'unless-stopped']],
  [pointer('#/$defs/container_spec/properties/pull_policy'), ['always', 'never', 'missing', 'build', 'if_not_present', 'refresh', 'daily', 'weekly']],
  [pointer('#/$defs/deployment/properties/restart_policy/properties/condition'), ['none', 'on-failure', 'any']],
  [pointer('#/$defs/deployment/properties/mode'), ['replicated', 'global', 'replicated-job', 'global-job']],
  [pointer('#/$defs/deployment/properties/endpoint_mode'), ['vip', 'dnsrr']],
]);

/** Enum values, closed string sets and booleans a schema node allows. */
function valueItems(schema: SchemaNode | undefined, root: SchemaNode): CompletionItem[] {
  const values = new Set<Json>();
  for (const branch of branches(schema, 0, root)) {
    for (const v of branch.enum ?? STRING_VALUES.get(branch) ?? []) values.add(v as Json);
    const types = Array.isArray(branch.type) ? branch.type : [branch.type];
    if (types.includes('boolean')) {
      values.add(true);
      values.add(false);
    }
  }
  return [...values].map((v) => ({ label: String(v), kind: CompletionItemKind.EnumMember, documentation: describe(schema, root), insertText: v === 'no' ? '"no"' : undefined }));
}

/** What follows `key: ` when a key is completed: a newline and indent for mappings and lists. */
function snippetFor(schema: SchemaNode, root: SchemaNode): string {
  const types = new Set<string>();
  for (const branch of branches(schema, 0, root)) for (const t of [branch.type].flat()) if (t) types.add(t);
  if (types.has('string') || types.has('number') || types.has('integer') || types.has('boolean')) return '$0';
  if (types.has('array')) return '\n  - $0';
  if (types.has('object')) return '\n  $0';
  return '$0';
}
