import type { Finding } from './diagnostics';
import { applyRuleLevels } from './diagnostics';
import type { FileKind } from './kinds';
import type { LanguageSupport, ServiceContext } from './language';
import type { SourceFile } from './source';
import { applySuppressions } from './suppression';
import { internalErrorFinding } from './internal-error';
import { inputProblem } from './input-guard';
import { BudgetExceeded, VALIDATION_BUDGET_MS, withBudget } from './budget';
import { finding } from './diagnostics';

/** Routes a file to the language support that owns its kind. */
export class LanguageRegistry {
  private readonly byKind = new Map<FileKind, LanguageSupport>();

  constructor(readonly languages: readonly LanguageSupport[]) {
    for (const language of languages) for (const kind of language.kinds) this.byKind.set(kind, language);
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
    if (problem) return applyRuleLevels([problem], ctx.settings.rules);
    let findings: Finding[];
    try {
      // The synchronous part is what can hold the server; what follows (ShellCheck) has its own timeout.
      findings = await withBudget(budgetMs, () => language.validate(file, ctx));
    } catch (error) {
      findings = [error instanceof BudgetExceeded ? budgetFinding(file, error) : internalErrorFinding(file, error)];
    }
    return applyRuleLevels(applySuppressions(file.text, findings), ctx.settings.rules);
  }
}

/** Overridable for tests of the budget itself. */
let budgetMs = VALIDATION_BUDGET_MS;
export function setValidationBudget(ms: number): void {
  budgetMs = ms;
}

function budgetFinding(file: SourceFile, error: BudgetExceeded): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return finding('ValidationBudget', 'warning', range, `Shipshape stopped checking this ${file.kind} file after ${error.ms} ms: it is too large or too deeply nested to check on every keystroke. Split it to get diagnostics.`);
}
