import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { rangeOfOffsets } from '../../yaml/parse';
import { goYamlType } from '../go-yaml-scalar';
import type { ComposeRule } from '../rule';

/**
 * compose-go refuses a mapping key that go-yaml does not read as a string (convertToStringKeysRecursive):
 * a service named `123:`, `environment: {1: a}`, a `true:` label. Any mapping of the file, before
 * interpolation; the message names the place as compose-go does.
 */
export const nonStringKeyRule: ComposeRule = {
  id: 'NonStringKey',
  severity: 'error',
  doc: 'A mapping key that YAML reads as a number, boolean, null or date (compose-go only accepts string keys): quote it.',
  appliesTo: 'file',
  check({ compose, report }) {
    const visit = (node: Node | null | undefined, at: string): void => {
      if (isMap(node)) {
        for (const pair of node.items as Pair<Node | null, Node | null>[]) {
          const key = pair.key;
          if (isScalar(key) && typeof key.value === 'symbol') continue; // a merge key: go-yaml merges it
          const text = keyText(key, compose.text);
          if (text === undefined) {
            visit(pair.value, at ? `${at}.${String(isScalar(key) ? key.value : '')}` : String(isScalar(key) ? key.value : ''));
            continue;
          }
          const [start, end] = key?.range ?? pair.value?.range ?? [0, 0];
          const where = at ? `in ${at}` : 'at top level';
          report(rangeOfOffsets(compose.document, start, end), `non-string key ${where}: ${text}: compose-go only accepts string keys; quote it ("${text.replace(/["\\]/g, '\\$&')}").`);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => visit(item as Node, `${at}[${index}]`));
      }
    };
    for (const doc of compose.yaml.documents) visit(doc.contents as Node | null, '');
  },
};

/** The key as written when go-yaml would not decode it as a string; undefined for a string key. */
function keyText(key: Node | null, text: string): string | undefined {
  if (key === null) return '';
  if (isAlias(key)) return undefined;
  if (!isScalar(key)) return key.range ? text.slice(key.range[0], key.range[1]) : '?';
  const source = typeof key.source === 'string' ? key.source : String(key.value ?? '');
  return goYamlType(key, source) === 'string' ? undefined : source;
}
