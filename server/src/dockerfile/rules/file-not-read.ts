import { FILE_NOT_READ_RULE } from '../../core/read-guard';
import { findDockerignore } from '../support/dockerignore';
import type { DockerfileRule, RuleContext } from '../rule';

/** The .dockerignore beside this Dockerfile was refused: COPY/ADD were not checked against it. */
export const fileNotReadRule: DockerfileRule = {
  ...FILE_NOT_READ_RULE,
  appliesTo: 'file',
  check,
};

/** No line names the .dockerignore; the finding sits on the first line so the skipped checks are not silent. */
function check(ctx: RuleContext): void {
  if (!ctx.file.path) return;
  const found = findDockerignore(ctx.file.path, ctx.service.workspace);
  if (!found || found.result.ok) return;
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  ctx.report(top, `${found.path} ${found.result.message}: it was not read, so COPY/ADD were not checked against it.`);
}
