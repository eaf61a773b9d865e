import type { Range } from 'vscode-languageserver-types';
import { finding, type Finding, type RuleInfo, type Severity } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import type { DockerfileModel } from './model';

/** What a Dockerfile rule sees: the file, its model and the service context (settings, workspace). */
export interface RuleContext {
  file: SourceFile;
  model: DockerfileModel;
  service: ServiceContext;
}

/** Extra facts a rule records on a finding so quick fixes need no second analysis. */
export interface FixData {
  /** Replace `range` with `newText` (one mechanical edit). */
  edits?: Array<{ range: Range; newText: string }>;
  title?: string;
  /**
   * Line of the instruction whose `# check=` comments BuildKit applies to this finding when it is not the
   * finding's own line (MultipleInstructionsDisallowed: the later instruction); -1 for none (ONBUILD triggers).
   */
  directiveLine?: number;
}

/** The module shape of every rule file. */
export interface RuleModule {
  info: RuleInfo & {
    /** A BuildKit build check: honours `# check=` directives; severity becomes error with error=true. */
    buildkit?: boolean;
    /** BuildKit runs it only when enabled with `# check=experimental=…`. */
    experimental?: boolean;
    /** BuildKit applies only the file's `# check=` directive to it, never a comment above an instruction. */
    fileScoped?: boolean;
    /**
     * Checked when BuildKit dispatches an instruction (so also for ONBUILD triggers run in a child stage,
     * which are reported at its FROM line and take no `# check=` comment).
     */
    dispatch?: boolean;
  };
  check(ctx: RuleContext): Finding[];
}

export function report(info: RuleInfo, range: Range, message: string, fix?: FixData): Finding {
  return finding(info.id, info.severity as Severity, range, message, fix);
}

/** BuildKit's page for one of its build checks (the rule id in kebab case). */
export function buildkitUrl(slug: string): string {
  return `https://docs.docker.com/reference/build-checks/${slug}/`;
}
