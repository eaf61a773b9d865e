import type { DockerfileRule, RuleContext } from '../rule';

export const addInsteadOfCopyRule: DockerfileRule = {
  id: 'AddInsteadOfCopy',
  severity: 'warning',
  doc: 'ADD of local files or folders: COPY does the same without the archive and URL magic',
  appliesTo: 'instructions',
  check,
};

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|gz|bz2|xz|zst)$/i;

function check({ model, report }: RuleContext): void {
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.name !== 'add' || ins.args.length < 2) continue;
      if (ins.flags.some((f) => ['checksum', 'keep-git-dir', 'unpack'].includes(f.name))) continue;
      const sources = ins.args.slice(0, -1).map((w) => w.value.replace(/^["']|["']$/g, ''));
      if (sources.some((s) => /^[a-z]+:\/\//i.test(s) || /^git@/.test(s) || ARCHIVE.test(s) || s.startsWith('<<') || s.includes('$'))) continue;
      const range = model.range(ins, ins.keywordSpan);
      const copy = ins.keyword === ins.keyword.toLowerCase() ? 'copy' : 'COPY';
      report(range, 'Use COPY instead of ADD for local files and folders', { title: 'Change ADD to COPY', edits: [{ range, newText: copy }] });
    }
  }
}
