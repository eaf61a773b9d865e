/**
 * .dockerignore for the Dockerfile's folder: which file BuildKit reads, and a matcher that runs in linear
 * time. `@balena/dockerignore` parses the patterns as BuildKit does (negation, cleaning, parent folders),
 * but turns each into a JavaScript RegExp, whose backtracking makes `*a*a*a*a*a*a*a*a!` take seconds on one
 * path. Here every rule's regexp is compiled by RE2 instead: the same expression, so the same answers (the
 * equality test compares both on generated patterns), in time linear in the path. Go's regexp, which
 * BuildKit uses, is RE2 too: an expression it refuses (a backreference) is refused here, and the check skipped.
 */
import * as path from 'node:path';
import ignore from '@balena/dockerignore';
import { RE2JS } from 're2js';
import type { ReadResult, Workspace } from '../../core/workspace';

export type DockerignoreFile = { path: string; result: ReadResult };

/** `<Dockerfile>.dockerignore` first, then the folder's `.dockerignore` (undefined when neither exists). */
export function findDockerignore(dockerfilePath: string, workspace: Workspace): DockerignoreFile | undefined {
  for (const candidate of [`${dockerfilePath}.dockerignore`, path.join(path.dirname(dockerfilePath), '.dockerignore')]) {
    const result = workspace.read(candidate);
    if (result.ok || result.reason !== 'missing') return { path: candidate, result };
  }
  return undefined;
}

export function dockerignorePatterns(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export interface DockerignoreMatcher {
  ignores(file: string): boolean;
}

interface BalenaRule {
  regexp?: { test(input: string): boolean; source?: string; flags?: string };
}

type Balena = ReturnType<typeof ignore> & { _rules: BalenaRule[]; _compile(rule: BalenaRule): BalenaRule };

/** A matcher with @balena/dockerignore's answers in linear time, or null when a pattern is not valid RE2. */
export function dockerignoreMatcher(patterns: readonly string[]): DockerignoreMatcher | null {
  const matcher = ignore().add([...patterns]) as Balena;
  for (const rule of matcher._rules) {
    // _compile only builds the expression (no matching); its result is swapped for RE2 before any use.
    const compiled = matcher._compile(rule).regexp as RegExp;
    let re2: RE2JS;
    try {
      re2 = RE2JS.compile(compiled.source, compiled.flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
    } catch {
      return null;
    }
    rule.regexp = { test: (input: string) => re2.matcher(input).find() };
  }
  return matcher;
}
