import { toLspSeverity } from '../../core/diagnostics';
import type { DockerfileModel } from '../model';
import { offsetAt, type Instruction } from '../syntax/parse';
import { cachedComments, checkScript, shellcheckBinary, type ShellcheckComment } from '../support/shellcheck-runner';
import type { DockerfileRule, RuleContext } from '../rule';

export const shellcheckRule: DockerfileRule = {
  id: 'ShellCheck',
  severity: 'warning',
  doc: 'ShellCheck findings inside RUN (when the shellcheck binary is installed, shipshape.dockerfile.shellcheck is on and the workspace is trusted)',
  appliesTo: 'instructions',
  check,
};

const SEVERITY = { error: 'warning', warning: 'warning', info: 'info', style: 'hint' } as const;
const pending = new WeakMap<DockerfileModel, Promise<void>[]>();

interface Script {
  instruction: Instruction;
  shell: string;
  text: string;
  /** Document offset of script line/column (1-based). */
  offset(line: number, column: number): number;
}

function scripts(model: DockerfileModel): Script[] {
  const out: Script[] = [];
  for (const stage of model.stages) {
    let shell = 'sh';
    for (const ins of stage.instructions) {
      if (ins.name === 'shell' && ins.json) {
        const exe = ins.args[0]?.value ?? '';
        shell = /bash$/.test(exe) ? 'bash' : /(^|\/)(sh|dash|ash)$/.test(exe) ? 'sh' : '';
      }
      if (ins.name !== 'run' || ins.json || !shell) continue;
      if (ins.heredocs.length) {
        for (const h of ins.heredocs) {
          if (!/^#!\s*\S*(sh|bash)\b/.test(h.content) && h.content.startsWith('#!')) continue;
          const lineStarts = [0];
          for (let k = 0; k < h.content.length; k++) if (h.content[k] === '\n') lineStarts.push(k + 1);
          out.push({ instruction: ins, shell, text: h.content, offset: (line, column) => h.contentStart + (lineStarts[line - 1] ?? 0) + column - 1 });
        }
        continue;
      }
      const start = ins.argsSpan.start;
      out.push({ instruction: ins, shell, text: ins.argsText, offset: (_line, column) => offsetAt(ins, start + column - 1) });
    }
  }
  return out;
}

function check({ model, service, report }: RuleContext): void {
  // An untrusted workspace is only read, never run on: ShellCheck is a program chosen outside it, but the
  // promise is simpler to keep (and to audit) as "nothing runs".
  if (service.trusted === false || !service.settings.dockerfile.shellcheck || !shellcheckBinary()) return;
  const waits: Promise<void>[] = [];
  for (const script of scripts(model)) {
    const comments = cachedComments(script.shell, script.text);
    if (!comments) {
      waits.push(checkScript(script.shell, script.text));
      continue;
    }
    for (const c of comments) relay(model, script, c, report);
  }
  if (waits.length) pending.set(model, waits);
}

/** One ShellCheck comment as a finding, at ShellCheck's own level and linking to its wiki page. */
function relay(model: DockerfileModel, script: Script, c: ShellcheckComment, report: RuleContext['report']): void {
  const range = { start: model.positionAt(script.offset(c.line, c.column)), end: model.positionAt(script.offset(c.endLine, c.endColumn)) };
  const f = report(range, `SC${c.code}: ${c.message}`);
  f.severity = toLspSeverity(SEVERITY[c.level]);
  f.codeDescription = { href: `https://www.shellcheck.net/wiki/SC${c.code}` };
}

/** ShellCheck runs started by the last check of this model (empty when everything was cached). */
export function pendingShellcheck(model: DockerfileModel): Promise<void>[] {
  const waits = pending.get(model) ?? [];
  pending.delete(model);
  return waits;
}
