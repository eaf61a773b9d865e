import { analyze } from '../analysis';
import { argDecls, keyValues } from '../model';
import type { Instruction } from '../syntax/parse';
import { parseHeredocWord } from '../syntax/parse';
import { parseImageReference } from '../support/reference';
import type { DockerfileRule, RuleContext } from '../rule';

export const syntaxRule: DockerfileRule = {
  id: 'DockerfileSyntax',
  severity: 'error',
  doc: "What BuildKit's parser rejects: wrong argument counts, bad JSON, bad stage names, heredocs, directives, substitutions",
  appliesTo: 'instructions',
  check,
};

const EXACTLY_ONE = new Set(['maintainer', 'workdir', 'user', 'stopsignal']);
const AT_LEAST_ONE = new Set(['env', 'label', 'onbuild', 'healthcheck', 'expose', 'volume', 'arg', 'shell']);
const VALID_STAGE = /^[a-z][a-z0-9-_.]*$/;

function instructionErrors(ins: Instruction): Array<{ message: string; span?: { start: number; end: number } }> {
  const errors: Array<{ message: string; span?: { start: number; end: number } }> = [];
  const upper = ins.name.toUpperCase();
  const args = ins.args;
  if (EXACTLY_ONE.has(ins.name) && args.length !== 1) errors.push({ message: `${upper} requires exactly one argument` });
  if (AT_LEAST_ONE.has(ins.name) && args.length === 0) errors.push({ message: `${upper} requires at least one argument` });
  switch (ins.name) {
    case 'from':
      if (args.length === 3 && args[1].value.toLowerCase() === 'as') {
        if (!VALID_STAGE.test(args[2].value.toLowerCase())) errors.push({ message: `invalid name for build stage: ${JSON.stringify(args[2].value)}, name can't start with a number or contain symbols`, span: args[2] });
      } else if (args.length !== 1) errors.push({ message: 'FROM requires either one or three arguments' });
      break;
    case 'copy':
    case 'add':
      if (args.length < 2) errors.push({ message: `${upper} requires at least two arguments, but only one was provided. Destination could not be determined` });
      else if (!ins.json && parseHeredocWord(args[args.length - 1].value)) errors.push({ message: `${upper} cannot accept a heredoc as a destination`, span: args[args.length - 1] });
      break;
    case 'env':
    case 'label': {
      if (!args.length) break;
      if (!args[0].value.includes('=')) {
        if (!/\S\s+\S/.test(ins.argsText)) errors.push({ message: `${upper} must have two arguments` });
      } else {
        for (const word of args) if (!word.value.includes('=')) errors.push({ message: `Syntax error - can't find = in ${JSON.stringify(word.value)}. Must be of the form: name=value`, span: word });
        for (const kv of keyValues(ins)) if (!kv.key) errors.push({ message: `${upper} names can not be blank`, span: kv.keySpan });
      }
      break;
    }
    case 'arg':
      for (const decl of argDecls(ins)) if (!decl.key) errors.push({ message: 'ARG names can not be blank', span: decl.keySpan });
      break;
    case 'shell':
      if (args.length && !ins.json) errors.push({ message: `SHELL requires the arguments to be in JSON form` });
      break;
    case 'onbuild': {
      const trigger = ins.trigger?.name.toUpperCase();
      if (trigger === 'ONBUILD') errors.push({ message: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed" });
      else if (trigger === 'MAINTAINER' || trigger === 'FROM') errors.push({ message: `${trigger} isn't allowed as an ONBUILD trigger` });
      break;
    }
    case 'volume':
      for (const word of args) if (!word.value.trim()) errors.push({ message: 'VOLUME specified can not be an empty string', span: word });
      break;
  }
  return errors;
}

function check({ model, report }: RuleContext): void {
  // `# syntax=` names the frontend image BuildKit pulls to parse the file.
  for (const directive of model.ast.directives) {
    if (directive.name !== 'syntax') continue;
    const image = directive.value.split(' ')[0];
    if (!parseImageReference(image)) {
      report({ start: model.positionAt(directive.valueSpan.start), end: model.positionAt(directive.valueSpan.end) }, `invalid frontend image in syntax directive: ${JSON.stringify(image)} is not an image reference`);
    }
  }
  for (const problem of model.ast.problems) {
    report({ start: model.positionAt(problem.start), end: model.positionAt(problem.end) }, problem.message);
  }
  for (const ins of model.ast.instructions) {
    for (const problem of ins.problems) {
      const range = problem.end > ins.joined.length || problem.start === ins.start ? { start: model.positionAt(ins.start), end: model.positionAt(Math.min(problem.end, ins.end)) } : model.range(ins, problem);
      report(range, problem.message);
    }
    for (const error of instructionErrors(ins)) {
      report(model.range(ins, error.span ?? (ins.args.length ? ins.argsSpan : ins.keywordSpan)), error.message);
    }
  }
  for (const error of analyze(model).expansionErrors) report(model.range(error.instruction, error.span), error.message);
}
