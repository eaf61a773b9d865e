import { checkBudget } from '../core/budget';
import * as path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Alias, type Document, type Node } from 'yaml';
import { aliasTargets } from '../yaml/aliases';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Workspace } from '../core/workspace';
import type { YamlFile, YamlPath } from '../yaml/parse';
import { parseCompose } from './chunked-parse';
import { composeEnvironment, type ComposeEnvironment } from './environment';
import { interpolate, type Interpolated, type Lookup, type TemplateProblem, type VariableUse } from './interpolation';
import { interpolateStack } from './stack/template';
import { stackEnvironment } from './stack/environment';
import { mergeModels } from './merge';
import { hasOwn, setOwn } from '../core/own';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonMap = { [key: string]: Json };

/** A template problem or variable use, placed in the text. */
export interface PlacedTemplate<T> {
  item: T;
  path: YamlPath;
  /** Offsets in the text: exact when the scalar's source spells its value, else the whole scalar. */
  start: number;
  end: number;
}

/** One Compose file, parsed, with its interpolated model (what compose-go validates). */
export interface ComposeDocument {
  path: string;
  text: string;
  document: TextDocument;
  yaml: YamlFile;
  doc: Document.Parsed | undefined;
  env: ComposeEnvironment;
  /** The file as data after interpolation; {} when the top level is not a mapping. */
  model: JsonMap;
  topLevelIsMap: boolean;
  problems: PlacedTemplate<TemplateProblem>[];
  uses: PlacedTemplate<VariableUse>[];
  /** Offset of the alias at which expansion stopped (past MAX_ALIAS_NODES), or undefined. */
  aliasLimitAt?: number;
  /** Read as `docker stack deploy` reads it (docker/cli's loader: its interpolation, no .env), not as `docker compose`. */
  stack: boolean;
}

/**
 * Nodes that aliases and merge keys may expand to in one file. compose-go (yaml.v3) refuses "excessive
 * aliasing" too; without a bound a 684-byte alias bomb or 10k chained merges expand exponentially.
 */
export const MAX_ALIAS_NODES = 100_000;
/** Aliases within aliases (a 10k merge chain): past this the recursion would meet the stack's end. */
export const MAX_ALIAS_DEPTH = 500;

const cache = new Map<string, ComposeDocument>();

/**
 * Parses a Compose file (cached by path and text, so a project's other files are parsed once). A stack file
 * (`stack`) is interpolated the way docker/cli's stack loader does it, from the process environment alone.
 */
export function composeDocument(filePath: string, text: string, workspace: Workspace, uri?: string, textDocument?: TextDocument, stack = false): ComposeDocument {
  const key = `${stack ? 'stack:' : ''}${filePath || uri || ''}`;
  const hit = cache.get(key);
  const env = stack ? stackEnvironment() : composeEnvironment(path.dirname(filePath || '.'), workspace);
  if (hit && hit.text === text && sameEnv(hit.env, env)) return hit;
  const document = textDocument ?? TextDocument.create(uri ?? `file://${filePath}`, 'dockercompose', 0, text);
  const yaml = parseCompose(text, filePath || uri || '');
  const doc = yaml.documents[0];
  const problems: PlacedTemplate<TemplateProblem>[] = [];
  const uses: PlacedTemplate<VariableUse>[] = [];
  const aliases = { expanded: 0, depth: 0, expanding: new Set<Node>(), stoppedAt: undefined as number | undefined };
  const substitute = stack ? interpolateStack : interpolate;
  let model = doc ? toModel(doc.contents as Node | null, [], { doc, text, env, problems, uses, aliases, targets: aliasTargets(doc), substitute }) : null;
  // Several documents in one file are merged in order, as compose-go does.
  for (const extra of yaml.documents.slice(1)) {
    const next = toModel(extra.contents as Node | null, [], { doc: extra, text, env, problems, uses, aliases, targets: aliasTargets(extra), substitute });
    if (isJsonMap(model) && isJsonMap(next)) model = mergeModels(model, next, filePath);
    else if (model === null) model = next;
  }
  const topLevelIsMap = model !== null && typeof model === 'object' && !Array.isArray(model);
  const result: ComposeDocument = {
    path: filePath,
    text,
    document,
    yaml,
    doc,
    env,
    model: topLevelIsMap ? (model as JsonMap) : {},
    topLevelIsMap,
    problems,
    uses,
    aliasLimitAt: aliases.stoppedAt,
    stack,
  };
  if (key) cache.set(key, result);
  if (cache.size > 200) cache.delete(cache.keys().next().value as string);
  return result;
}

function sameEnv(a: ComposeEnvironment, b: ComposeEnvironment): boolean {
  return a.dotenvPath === b.dotenvPath && a.fingerprint === b.fingerprint;
}

/** Builds the interpolated data of a node (merge keys applied, aliases resolved), collecting template findings. */
interface Walk {
  doc: Document.Parsed;
  text: string;
  env: ComposeEnvironment;
  problems: PlacedTemplate<TemplateProblem>[];
  uses: PlacedTemplate<VariableUse>[];
  /** Nodes built inside alias expansions so far, the current alias depth, where the limit was met. */
  aliases: { expanded: number; depth: number; expanding: Set<Node>; stoppedAt: number | undefined };
  targets: Map<Alias, Node>;
  substitute: (input: string, lookup: Lookup, base: number) => Interpolated;
}

/** `at` is a shared stack (pushed and popped), copied only where a template is found: no array per node. */
function toModel(node: Node | null | undefined, at: (string | number)[], w: Walk): Json {
  if (!node) return null;
  checkBudget();
  if (w.aliases.depth > 0 && ++w.aliases.expanded > MAX_ALIAS_NODES) return null;
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const [start, end, exact] = sourceOffsets(node, w.text);
      const result = w.substitute(value, w.env.lookup, exact ? start : 0);
      const place = <T extends { start: number; end: number }>(item: T): PlacedTemplate<T> => (exact ? { item, path: [...at], start: item.start, end: item.end } : { item, path: [...at], start, end });
      // Variables used under an alias are reported once, where they are written (not where expanded).
      if (w.aliases.depth === 0) {
        for (const problem of result.problems) w.problems.push(place(problem));
        for (const use of result.uses) w.uses.push(place(use));
      }
      return result.value;
    }
    if (typeof value === 'bigint') return Number(value);
    if (value === undefined) return null;
    return value as Json;
  }
  if (isAlias(node)) {
    const target = w.targets.get(node);
    // An alias to a node being expanded (an anchor's own contents referring to it) would never end.
    if (!target || w.aliases.expanding.has(target)) return null;
    if (w.aliases.expanded >= MAX_ALIAS_NODES || w.aliases.depth >= MAX_ALIAS_DEPTH) {
      w.aliases.stoppedAt ??= node.range?.[0] ?? 0;
      return null;
    }
    w.aliases.expanding.add(target);
    w.aliases.depth++;
    try {
      return toModel(target, at, w);
    } finally {
      w.aliases.depth--;
      w.aliases.expanding.delete(target);
    }
  }
  if (isMap(node)) {
    const out: JsonMap = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
        // Merge keys: earlier explicit keys win; among merged maps the first wins.
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const source of sources) {
          const merged = toModel(source as Node, at, w);
          if (merged && typeof merged === 'object' && !Array.isArray(merged)) for (const [k, v] of Object.entries(merged)) if (!hasOwn(out, k)) setOwn(out, k, v);
        }
        continue;
      }
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      at.push(key);
      setOwn(out, key, toModel(pair.value as Node | null, at, w));
      at.pop();
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      at.push(index);
      const value = toModel(item as Node, at, w);
      at.pop();
      return value;
    });
  }
  return null;
}

/** Source offsets of a scalar's value; `exact` when value offsets map one to one onto the source. */
function sourceOffsets(node: Scalar, text: string): [number, number, boolean] {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  const inner = quoted ? text.slice(start + 1, end - 1) : text.slice(start, end);
  if (inner === node.value) return [quoted ? start + 1 : start, quoted ? end - 1 : end, true];
  return [start, end, false];
}

export function isJsonMap(value: unknown): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
