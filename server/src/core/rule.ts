import type { Range } from 'vscode-languageserver-types';
import { finding, type Finding, type RuleInfo } from './diagnostics';

/**
 * The one rule contract of every language. A rule is one file in `<language>/rules/`, named for its code,
 * exporting one Rule: its code (`id`), default severity and one-line doc (docs/RULES.md is generated from
 * them), what it applies to, and `check`. The language's engine picks the rules to run from `appliesTo`,
 * never by id, and hands each a context whose `report` already carries that rule's code and severity, so
 * a rule never restates them.
 *
 * Codes that a shared pass reports rather than a check of their own (the YAML parser's, the Kubernetes
 * schema walk's, the registry's guards) are plain RuleInfo, declared next to that pass and reported with
 * ruleFinding().
 */
export interface Rule<Context, Scope> extends RuleInfo {
  /** What the rule looks at, in its language's terms (the language's rule.ts says what each value means). */
  readonly appliesTo: Scope;
  check(ctx: Context): void;
}

/** A finding of this rule: its code, its default severity (`shipshape.rules` may change it later). */
export function ruleFinding(rule: RuleInfo, range: Range, message: string, data?: unknown): Finding {
  return finding(rule.id, rule.severity, range, message, data);
}
