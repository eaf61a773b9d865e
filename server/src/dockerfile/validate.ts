import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { internalErrorFinding } from '../core/internal-error';
import { applyCheckDirectives, type BuildkitRuleFlags } from './check-directive';
import { modelOf } from './model';
import { RULES } from './rules';

const BUILDKIT_RULES = new Map<string, BuildkitRuleFlags>(
  RULES.filter((r) => r.info.buildkit).map((r) => [r.info.id, { experimental: !!r.info.experimental }]),
);

/** Runs every rule on the file; one crashing rule costs only its own findings. */
export function validateDockerfile(file: SourceFile, ctx: ServiceContext): Finding[] {
  const model = modelOf(file);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    try {
      findings.push(...rule.check({ file, model, service: ctx }));
    } catch (error) {
      findings.push({ ...internalErrorFinding(file, error), message: `${rule.info.id}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return applyCheckDirectives(model, findings, BUILDKIT_RULES);
}
