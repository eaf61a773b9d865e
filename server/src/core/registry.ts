import type { Finding, RuleInfo } from './diagnostics';
import { applyRuleLevels } from './diagnostics';
import type { FileKind } from './kinds';
import type { LanguageSupport, ServiceContext } from './language';
import type { SourceFile } from './source';
import { applySuppressions } from './suppression';
import { INTERNAL_ERROR_RULE, internalErrorFinding } from './internal-error';
import { INPUT_RULES, inputProblem } from './input-guard';
import { BudgetExceeded, VALIDATION_BUDGET_MS, VALIDATION_BUDGET_RULE, withBudget } from './budget';
import { ruleFinding } from './rule';
import { ruleDocUrl } from './rule-docs';

/** Routes a file to the language support that owns its kind. */
export class LanguageRegistry {
  private readonly byKind = new Map<FileKind, LanguageSupport>();
  /** Every code once (Compose, Kubernetes and plain YAML share the YAML syntax codes), the registry's own first. */
  readonly rules: readonly RuleInfo[];
  private readonly docs = new Map<string, string>();

  constructor(readonly languages: readonly LanguageSupport[]) {
    for (const language of languages) for (const kind of language.kinds) this.byKind.set(kind, language);
    const rules = new Map<string, RuleInfo>();
    for (const rule of [...REGISTRY_RULES, ...languages.flatMap((l) => l.rules)]) {
      const known = rules.get(rule.id);
      if (!known) rules.set(rule.id, rule);
      // A code means one thing everywhere: one entry in docs/RULES.md, one key in shipshape.rules.
      else if (!sameRule(known, rule)) throw new Error(`rule code ${rule.id} is declared twice with different metadata; codes are unique across languages`);
    }
    this.rules = [...rules.values()];
    for (const rule of this.rules) this.docs.set(rule.id, ruleDocUrl(rule));
  }

  for(kind: FileKind): LanguageSupport | undefined {
    return this.byKind.get(kind);
  }

  /**
   * Validates one file with suppressions and severity overrides applied. A crashing rule becomes one
   * diagnostic on the first line instead of taking the server down; so does running past the time budget.
   */
  async validate(file: SourceFile, ctx: ServiceContext): Promise<Finding[]> {
    const language = this.for(file.kind);
    if (!language) return [];
    const problem = inputProblem(file);
    if (problem) return this.linked(applyRuleLevels([problem], ctx.settings.rules));
    let findings: Finding[];
    try {
      // The synchronous part is what can hold the server; what follows (ShellCheck) has its own timeout.
      findings = await withBudget(budgetMs, () => language.validate(file, ctx));
    } catch (error) {
      findings = [error instanceof BudgetExceeded ? budgetFinding(file, error) : internalErrorFinding(file, error)];
    }
    return this.linked(applyRuleLevels(applySuppressions(file.text, findings), ctx.settings.rules));
  }

  /** Each finding's code links to its rule's documentation (VS Code shows the code as a link in hovers). */
  private linked(findings: Finding[]): Finding[] {
    for (const f of findings) {
      const href = this.docs.get(f.code);
      if (href && !f.codeDescription) f.codeDescription = { href };
    }
    return findings;
  }
}

/** The codes the registry itself reports, for every file. */
export const REGISTRY_RULES: readonly RuleInfo[] = [INTERNAL_ERROR_RULE, VALIDATION_BUDGET_RULE, ...INPUT_RULES];

/** The same rule when what a user sees of it (severity, documentation) is the same. */
function sameRule(a: RuleInfo, b: RuleInfo): boolean {
  return a.severity === b.severity && a.doc === b.doc && a.url === b.url;
}

/** Overridable for tests of the budget itself. */
let budgetMs = VALIDATION_BUDGET_MS;
export function setValidationBudget(ms: number): void {
  budgetMs = ms;
}

function budgetFinding(file: SourceFile, error: BudgetExceeded): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return ruleFinding(VALIDATION_BUDGET_RULE, range, `Shipshape stopped checking this ${file.kind} file after ${error.ms} ms: it is too large or too deeply nested to check on every keystroke. Split it to get diagnostics.`);
}
