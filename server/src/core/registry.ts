import type { Finding } from './diagnostics';
import { applyRuleLevels } from './diagnostics';
import type { FileKind } from './kinds';
import type { LanguageSupport, ServiceContext } from './language';
import type { SourceFile } from './source';
import { applySuppressions } from './suppression';
import { internalErrorFinding } from './internal-error';
import { inputProblem } from './input-guard';

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
   * diagnostic on the first line instead of taking the server down.
   */
  async validate(file: SourceFile, ctx: ServiceContext): Promise<Finding[]> {
    const language = this.for(file.kind);
    if (!language) return [];
    const problem = inputProblem(file);
    if (problem) return applyRuleLevels([problem], ctx.settings.rules);
    let findings: Finding[];
    try {
      findings = await language.validate(file, ctx);
    } catch (error) {
      findings = [internalErrorFinding(file, error)];
    }
    return applyRuleLevels(applySuppressions(file.text, findings), ctx.settings.rules);
  }
}
