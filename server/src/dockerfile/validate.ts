import { BudgetExceeded, checkBudget } from '../core/budget';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import { ruleFinding } from '../core/rule';
import type { SourceFile } from '../core/source';
import { internalErrorFinding } from '../core/internal-error';
import { applyCheckDirectives } from './check-directive';
import { modelOf } from './model';
import type { DockerfileRule } from './rule';
import { RULES } from './rules';
import { pendingShellcheck } from './rules/shellcheck';

/** BuildKit's checks by code: `# check=` directives apply to their findings, as the rule's scope says. */
const BUILDKIT_RULES = new Map<string, DockerfileRule>(RULES.filter((r) => r.buildkit).map((r) => [r.id, r]));

/**
 * Runs every rule on the file; one crashing rule costs only its own findings. ShellCheck results not yet
 * cached are computed in the background: an LSP host is asked to validate again when they arrive (the
 * keystroke never waits); a host that cannot (the CLI) gets a promise of the complete result.
 */
export function validateDockerfile(file: SourceFile, ctx: ServiceContext): Finding[] | Promise<Finding[]> {
  const findings = runRules(file, ctx);
  const waits = pendingShellcheck(modelOf(file));
  if (!waits.length) return findings;
  if (ctx.refresh) {
    const refresh = ctx.refresh;
    void Promise.all(waits).then(() => refresh(file.uri));
    return findings;
  }
  return (async () => {
    // The runner may drop queued scripts in favour of newer ones: ask again until every RUN is checked.
    let result = findings;
    let pending = waits;
    for (let round = 0; pending.length && round < 100; round++) {
      await Promise.all(pending);
      result = runRules(file, ctx);
      pending = pendingShellcheck(modelOf(file));
    }
    return result;
  })();
}

function runRules(file: SourceFile, ctx: ServiceContext): Finding[] {
  const model = modelOf(file);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    checkBudget();
    // A rule's findings are kept only when it completes.
    const own: Finding[] = [];
    const report = (range: Finding['range'], message: string, fix?: unknown) => {
      const f = ruleFinding(rule, range, message, fix);
      own.push(f);
      return f;
    };
    try {
      rule.check({ file, model, service: ctx, report });
      findings.push(...own);
    } catch (error) {
      if (error instanceof BudgetExceeded) throw error;
      findings.push({ ...internalErrorFinding(file, error), message: `${rule.id}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return applyCheckDirectives(model, findings, BUILDKIT_RULES);
}
