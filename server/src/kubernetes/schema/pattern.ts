/**
 * OpenAPI `pattern`s (mostly from CRDs, i.e. from the workspace or the cluster) matched the way kube-apiserver
 * matches them: Go's regexp, which is RE2: linear time, no backreferences or lookaround. A JavaScript RegExp
 * would backtrack (`^(a+)+$` doubles per character) and accepts syntax Go refuses.
 */
import { RE2JS } from 're2js';

const MAX_CACHED = 2000;
const compiled = new Map<string, RE2JS | null>();

/** true/false for a match, or undefined when the pattern is not valid RE2 (the API server rejects such a CRD). */
export function matchesPattern(pattern: string, value: string): boolean | undefined {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, re);
  }
  // Go's MatchString: a match anywhere in the value, as the pattern's own anchors say.
  return re ? re.matcher(value).find() : undefined;
}
