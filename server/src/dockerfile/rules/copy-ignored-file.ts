import * as path from 'node:path';
import { dockerignoreMatcher, dockerignorePatterns, findDockerignore, type DockerignoreMatcher } from '../support/dockerignore';
import { parseHeredocWord } from '../syntax/parse';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const copyIgnoredFileRule: DockerfileRule = {
  id: 'CopyIgnoredFile',
  severity: 'warning',
  doc: 'Attempting to Copy file that is excluded by .dockerignore',
  buildkit: true,
  url: buildkitUrl('copy-ignored-file'),
  appliesTo: 'dispatched',
  check,
};

/** The .dockerignore BuildKit would use when the context is the Dockerfile's folder. */
function ignorePatterns(ctx: RuleContext): string[] | null {
  if (!ctx.file.path) return null;
  const found = findDockerignore(ctx.file.path, ctx.service.workspace);
  // A refused file (FIFO, device, outside the workspace) is FileNotRead's to report.
  return found?.result.ok ? dockerignorePatterns(found.result.text) : null;
}

function check(ctx: RuleContext): void {
  const patterns = ignorePatterns(ctx);
  // Like BuildKit: no file, or any exclusion (`!pattern`), and the check is off.
  if (!patterns?.length || patterns.some((p) => p.startsWith('!'))) return;
  const matcher = dockerignoreMatcher(patterns);
  // BuildKit (Go's regexp) rejects such a file itself; nothing to compare against.
  if (!matcher) return;
  const rootIgnored = patterns.some((p) => ['*', '**', '**/*'].includes(p.replace(/^\//, '')));
  for (const stage of ctx.model.stages) {
    for (const ins of stage.instructions) {
      if (ins.name !== 'copy' && ins.name !== 'add') continue;
      if (ins.name === 'copy' && ins.flags.some((f) => f.name === 'from')) continue;
      for (const word of ins.args.slice(0, -1)) {
        if (!ins.json && parseHeredocWord(word.value)) continue;
        if (/^https?:\/\//.test(word.value) || word.value.includes('$')) continue;
        const src = path.posix.normalize(word.value.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/$/, '') || '.';
        const clean = src.replace(/^\/+/, '');
        if (src === '.' || src === '/' || clean === '') {
          if (!rootIgnored) continue;
        } else if (!matchesOrParent(matcher, clean)) continue;
        ctx.report(ctx.model.range(ins, word), `Attempting to ${ins.name === 'add' ? 'Add' : 'Copy'} file ${JSON.stringify(src)} that is excluded by .dockerignore`);
      }
    }
  }
}

function matchesOrParent(matcher: DockerignoreMatcher, file: string): boolean {
  const parts = file.split('/');
  for (let k = 1; k <= parts.length; k++) if (matcher.ignores(parts.slice(0, k).join('/'))) return true;
  return false;
}
