import type { RuleInfo } from './diagnostics';

/** docs/RULES.md as published: generated from the rule metadata by scripts/rules-reference.ts. */
export const RULES_REFERENCE = 'https://github.com/shipshape-dev/shipshape/blob/main/docs/RULES.md';

/** The anchor GitHub gives a `### RuleId` heading: ids are letters and digits, so their lower case. */
export function ruleAnchor(id: string): string {
  return id.toLowerCase();
}

/** Where a rule is documented: its own page (BuildKit's checks), else its entry in docs/RULES.md. */
export function ruleDocUrl(rule: RuleInfo): string {
  return rule.url ?? `${RULES_REFERENCE}#${ruleAnchor(rule.id)}`;
}
