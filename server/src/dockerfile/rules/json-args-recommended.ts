import { analyze } from '../analysis';
import type { Instruction } from '../syntax/parse';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const jsonArgsRecommendedRule: DockerfileRule = {
  id: 'JSONArgsRecommended',
  severity: 'warning',
  doc: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
  buildkit: true,
  url: buildkitUrl('json-args-recommended'),
  appliesTo: 'dispatched',
  check,
};

function check({ model, report }: RuleContext): void {
  analyze(model).shellFormWithoutShell.forEach((ins) => {
    const json = toExecForm(ins);
    const range = model.range(ins, ins.argsSpan.end > ins.argsSpan.start ? ins.argsSpan : ins.keywordSpan);
    report(
      model.range(ins, ins.keywordSpan),
      `JSON arguments recommended for ${ins.keyword} to prevent unintended behavior related to OS signals`,
      json && !ins.fromTrigger ? { title: 'Convert to exec (JSON) form', edits: [{ range, newText: json }] } : undefined,
    );
  });
}

/** Exec form of a shell-form command: split words when the shell adds nothing, else an explicit sh -c. */
export function toExecForm(ins: Instruction): string | null {
  const text = ins.argsText.trim();
  if (!text) return null;
  if (/^[\w@%+=:,./-]+(\s+[\w@%+=:,./-]+)*$/.test(text)) return JSON.stringify(text.split(/\s+/)).replace(/","/g, '", "');
  return JSON.stringify(['/bin/sh', '-c', text]).replace(/","/g, '", "');
}
