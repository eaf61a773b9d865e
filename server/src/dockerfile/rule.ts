import type { Range } from 'vscode-languageserver-types';
import type { Finding } from '../core/diagnostics';
import type { ServiceContext } from '../core/language';
import type { Rule } from '../core/rule';
import type { SourceFile } from '../core/source';
import type { DockerfileModel } from './model';

/** What a Dockerfile rule sees: the file, its model and the service context (settings, workspace). */
export interface RuleContext {
  file: SourceFile;
  model: DockerfileModel;
  service: ServiceContext;
  /**
   * Records a finding of this rule. It returns the finding for the one rule that relays another tool's
   * severity and links (ShellCheck).
   */
  report(range: Range, message: string, fix?: FixData): Finding;
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

/**
 * What a Dockerfile rule looks at, which for BuildKit's checks is also where `# check=` comments reach:
 * - 'instructions': instructions as written; a `# check=` comment right above one applies to its findings.
 * - 'dispatched': what BuildKit dispatches: each stage's instructions and the ONBUILD triggers a child
 *   stage runs (those are reported at the child's FROM, where no comment applies).
 * - 'file': the file as a whole; only the file's own `# check=` directive applies.
 */
export type DockerfileScope = 'instructions' | 'dispatched' | 'file';

/** The rule contract (core/rule.ts) for Dockerfiles. */
export interface DockerfileRule extends Rule<RuleContext, DockerfileScope> {
  /** One of BuildKit's build checks (by BuildKit's name): honours `# check=` directives; error=true makes it an error. */
  buildkit?: boolean;
  /** BuildKit runs it only when enabled with `# check=experimental=…`. */
  experimental?: boolean;
}

/** BuildKit's page for one of its build checks (the rule id in kebab case). */
export function buildkitUrl(slug: string): string {
  return `https://docs.docker.com/reference/build-checks/${slug}/`;
}
