import type { Finding } from '../../core/diagnostics';
import { findDockerignore } from '../support/dockerignore';
import { report, type RuleContext, type RuleModule } from '../rule';

export const info: RuleModule['info'] = {
  id: 'FileNotRead',
  severity: 'warning',
  doc: 'The .dockerignore beside this Dockerfile was not read: not a regular file, outside the workspace or too large.',
};

/** No line names the .dockerignore; the finding sits on the first line so the skipped checks are not silent. */
export function check(ctx: RuleContext): Finding[] {
  if (!ctx.file.path) return [];
  const found = findDockerignore(ctx.file.path, ctx.service.workspace);
  if (!found || found.result.ok) return [];
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [report(info, top, `${found.path} ${found.result.message}: it was not read, so COPY/ADD were not checked against it.`)];
}
