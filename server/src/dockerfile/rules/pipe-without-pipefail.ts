import { runCommands, type SimpleCommand } from '../support/shell';
import type { Stage } from '../model';
import type { Instruction } from '../syntax/parse';
import type { DockerfileRule, RuleContext } from '../rule';

export const pipeWithoutPipefailRule: DockerfileRule = {
  id: 'PipeWithoutPipefail',
  severity: 'warning',
  doc: 'A pipe in RUN under a POSIX shell without `set -o pipefail`: a failure on the left of | goes unnoticed',
  appliesTo: 'instructions',
  check,
};

/** pipefail is a POSIX shell option: PowerShell and cmd pipelines report errors their own way. */
const NON_POSIX = /^(?:pwsh|powershell|cmd)(?:\.exe)?$/i;

function posix(shell: readonly string[]): boolean {
  const program = shell[0] ?? '';
  return !NON_POSIX.test(program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1));
}

function check({ model, report }: RuleContext): void {
  // The RUN lines split into commands once for every shell rule (support/shell.ts caches per model).
  const commands = new Map<Instruction, SimpleCommand[]>();
  for (const { instruction, command } of runCommands(model)) {
    const list = commands.get(instruction) ?? [];
    list.push(command);
    commands.set(instruction, list);
  }
  // The SHELL in effect at the end of each stage: a stage built FROM another starts with its shell.
  const finalShell = new Map<Stage, string[]>();
  for (const stage of model.stages) {
    let shell = (stage.parent && finalShell.get(stage.parent)) ?? ['/bin/sh', '-c'];
    for (const ins of stage.instructions) {
      if (ins.name === 'shell' && ins.json) shell = ins.args.map((a) => a.value);
      if (ins.name !== 'run' || ins.json || ins.heredocs.length) continue;
      if (!posix(shell) || shell.some((arg) => arg.includes('pipefail'))) continue;
      const list = commands.get(ins) ?? [];
      const pipe = list.some((c) => c.next === '|');
      const pipefail = list.some((c) => c.words[0]?.value === 'set' && c.words.some((w, k) => w.value === 'pipefail' && /^-\w*o$/.test(c.words[k - 1]?.value ?? '')));
      if (!pipe || pipefail) continue;
      // No mechanical fix: dash (Debian's sh) has no pipefail, so the remedy depends on the image's shells.
      report(model.range(ins, ins.keywordSpan), "Pipe in RUN without `set -o pipefail`: only the last command's exit status counts");
    }
    finalShell.set(stage, shell);
  }
}
