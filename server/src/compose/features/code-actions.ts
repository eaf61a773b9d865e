import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node } from 'yaml';
import type { Finding } from '../../core/diagnostics';
import type { ServiceContext } from '../../core/language';
import { pathToUri, type SourceFile } from '../../core/source';
import { lookup, type YamlPath } from '../../yaml/parse';
import { analyze } from '../analysis';
import type { ComposeDocument } from '../document';
import type { ResourceKind } from '../project';
import { closest } from '../../core/suggest';
import { COMPOSE_SCHEMA, propertiesOf, schemaAt } from '../schema/schema-index';
import { STACK_SCHEMA } from '../stack/schema';

const DECLARATION: Partial<Record<ResourceKind, (name: string, indent: string) => string>> = {
  volumes: (name) => `${name}: {}`,
  networks: (name) => `${name}: {}`,
  secrets: (name, indent) => `${name}:\n${indent}${indent}file: ./${name}.txt`,
  configs: (name, indent) => `${name}:\n${indent}${indent}file: ./${name}`,
  models: (name, indent) => `${name}:\n${indent}${indent}model: ai/${name}`,
};

/** Quick fixes: declare a missing volume/network/secret/config, use the closest service or property name. */
export function composeCodeActions(file: SourceFile, _range: Range, findings: Finding[], ctx: ServiceContext): CodeAction[] {
  const { compose } = analyze(file, ctx.settings, ctx.workspace);
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const data = f.data as { kind?: ResourceKind; name?: string; suggestion?: string; property?: string; path?: YamlPath; removeLine?: boolean; variable?: string; dotenv?: string } | undefined;
    if (!data) continue;
    if ((f.code === 'UndefinedVariable' || f.code === 'RequiredVariable') && typeof data.variable === 'string' && typeof data.dotenv === 'string') {
      actions.push(addToDotenv(f, data.variable, data.dotenv, ctx));
    }
    if (f.code === 'UndefinedVariable') {
      const written = file.text.slice(file.document.offsetAt(f.range.start), file.document.offsetAt(f.range.end));
      if (written.startsWith('$')) actions.push(fix(`Escape as $${written} (expanded by the container, not by compose)`, file, [{ range: f.range, newText: `$${written}` }], f, false));
    }
    if (data.removeLine) {
      const line = f.range.start.line;
      actions.push(fix('Remove the obsolete `version` line', file, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }], f, true));
    }
    if (data.suggestion && data.name) {
      actions.push(fix(`Change to "${data.suggestion}"`, file, [{ range: f.range, newText: data.suggestion }], f, true));
    }
    if (data.kind && data.name && DECLARATION[data.kind] && f.code.startsWith('Undefined')) {
      const edit = declare(compose, data.kind, data.name);
      if (edit) actions.push(fix(`Declare ${data.kind.slice(0, -1)} "${data.name}" under top-level ${data.kind}`, file, [edit], f, !data.suggestion));
    }
    if ((f.code === 'ComposeSchema' || f.code === 'StackSchema') && data.property && data.path) {
      const root = f.code === 'StackSchema' ? STACK_SCHEMA : COMPOSE_SCHEMA;
      const allowed = [...propertiesOf(schemaAt(data.path.slice(0, -1), root), root).keys()];
      const suggestion = closest(data.property, allowed);
      if (suggestion) actions.push(fix(`Change to "${suggestion}"`, file, [{ range: f.range, newText: suggestion }], f, true));
    }
  }
  return actions;
}

/** Appends `NAME=` to the project's .env, creating the file when there is none. */
function addToDotenv(diagnostic: Finding, variable: string, dotenv: string, ctx: ServiceContext): CodeAction {
  const uri = pathToUri(dotenv);
  const text = ctx.workspace.readFile(dotenv);
  const line = `${variable}=\n`;
  const edit: WorkspaceEdit =
    text === undefined
      ? {
          documentChanges: [
            { kind: 'create', uri, options: { ignoreIfExists: true } },
            { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: line }] },
          ],
        }
      : { changes: { [uri]: [{ range: endOf(text), newText: (text.length && !text.endsWith('\n') ? '\n' : '') + line }] } };
  return { title: `Add ${variable}= to ${path.basename(dotenv)}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function endOf(text: string): Range {
  const lines = text.split('\n');
  const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
  return { start: end, end };
}

function fix(title: string, file: SourceFile, edits: TextEdit[], diagnostic: Finding, isPreferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit: { changes: { [file.uri]: edits } } };
}

/** An edit adding `name` to the top-level section, creating the section at the end of the file if needed. */
function declare(compose: ComposeDocument, kind: ResourceKind, name: string): TextEdit | undefined {
  const document = compose.document;
  const make = DECLARATION[kind]!;
  const { value } = compose.doc ? lookup(compose.doc, [kind]) : {};
  const section = value as Node | undefined;
  if (section && isMap(section) && !section.flow && section.items.length && section.range) {
    const firstKey = section.items[0].key as Node;
    const indentWidth = isScalar(firstKey) && firstKey.range ? document.positionAt(firstKey.range[0]).character : 2;
    const indent = ' '.repeat(indentWidth);
    const lastLine = document.positionAt(Math.max(section.range[0], trimEnd(compose.text, section.range[1]))).line;
    const end = { line: lastLine, character: lineLength(compose.text, lastLine) };
    return { range: { start: end, end }, newText: `\n${indent}${make(name, indent)}` };
  }
  if (section) return undefined;
  const end = document.positionAt(compose.text.length);
  const prefix = compose.text.length && !compose.text.endsWith('\n') ? '\n' : '';
  return { range: { start: end, end }, newText: `${prefix}${kind}:\n  ${make(name, '  ')}\n` };
}

function trimEnd(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

function lineLength(text: string, line: number): number {
  return text.split('\n')[line]?.replace(/\r$/, '').length ?? 0;
}
