import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../core/rule';
import type { Settings } from '../core/settings';
import type { Workspace } from '../core/workspace';
import { lookup, rangeOfOffsets, rangeOfPath, type YamlPath } from '../yaml/parse';
import { isJsonMap, type ComposeDocument, type JsonMap } from './document';
import type { ComposeProject } from './project';

/** What a Compose rule sees: this file (parsed, interpolated) and the merged project it belongs to. */
export interface ComposeRuleContext {
  compose: ComposeDocument;
  project: ComposeProject;
  workspace: Workspace;
  settings: Settings;
  /** Records a finding of this rule at a range of this file; `data` is what its quick fix needs. */
  report(range: Range, message: string, data?: unknown): void;
}

/**
 * What a Compose rule looks at:
 * - 'file': this file and the project it merges into, whatever the profiles;
 * - 'enabled-services': what compose-go's consistency pass checks, only in the services the active
 *   profiles enable: in a disabled service the error becomes a warning (it is one once a profile is on).
 */
export type ComposeScope = 'file' | 'enabled-services';

/**
 * Whose reading of the file a rule follows: 'compose' rules (compose-go, `docker compose`) run on plain
 * Compose files only, 'stack' rules (docker/cli's stack loader and converter, the swarm manager) on stack
 * files only (stack/stack-file.ts says which files are stacks); a rule without `tool` runs on both.
 */
export type ComposeTool = 'compose' | 'stack';

/** The rule contract (core/rule.ts) for Compose files. */
export interface ComposeRule extends Rule<ComposeRuleContext, ComposeScope> {
  tool?: ComposeTool;
  /**
   * Docker Compose itself meets this only at `docker compose up` (the engine refuses the container), not
   * while loading the file; the compose-go agreement test leaves it out of the comparison.
   */
  atUp?: boolean;
}

/**
 * Range of a path in this file: the value, or the key with part 'key'. A value spanning lines (a mapping,
 * a list, a block string) is marked on its first line only, so the squiggle stays readable.
 */
export function rangeAt(compose: ComposeDocument, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  const range = rangeSpanning(compose, path, part);
  if (range.end.line === range.start.line) return range;
  const lineEnd = compose.document.offsetAt({ line: range.start.line + 1, character: 0 });
  const text = compose.text.slice(compose.document.offsetAt(range.start), lineEnd).replace(/\s+$/, '');
  return { start: range.start, end: { line: range.start.line, character: range.start.character + text.length } };
}

function rangeSpanning(compose: ComposeDocument, path: YamlPath, part: 'key' | 'value'): Range {
  if (!compose.doc) return rangeOfOffsets(compose.document, 0, 0);
  // In a file of several documents, the last one that has the path (it wins the merge).
  const documents = compose.yaml.documents;
  for (let i = documents.length - 1; i > 0; i--) {
    const { pair, value } = lookup(documents[i], path);
    if (pair || value) return rangeOfPath(compose.document, documents[i], path, part);
  }
  return rangeOfPath(compose.document, compose.doc, path, part);
}

/** This file's services (or jobs), as [name, definition] pairs. */
export function servicesOf(compose: ComposeDocument, section: 'services' | 'jobs' = 'services'): [string, JsonMap][] {
  const memo = section === 'services' ? servicesMemo : jobsMemo;
  const known = memo.get(compose);
  if (known) return known;
  const services = compose.model[section];
  const list = isJsonMap(services) ? Object.entries(services).filter((entry): entry is [string, JsonMap] => isJsonMap(entry[1])) : [];
  memo.set(compose, list);
  return list;
}

const servicesMemo = new WeakMap<ComposeDocument, [string, JsonMap][]>();
const jobsMemo = new WeakMap<ComposeDocument, [string, JsonMap][]>();
