import { findDockerignore } from '../support/dockerignore';
import type { DockerfileRule, RuleContext } from '../rule';

export const fileNotReadRule: DockerfileRule = {
  id: 'FileNotRead',
  severity: 'warning',
  doc: 'The .dockerignore beside this Dockerfile was not read: not a regular file, outside the workspace or too large.',
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
