import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { composeSupport } from '../../../server/src/compose/index';
import type { Finding } from '../../../server/src/core/diagnostics';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/core/settings';
import { pathToUri, sourceFile } from '../../../server/src/core/source';
import { FileWorkspace } from '../../../server/src/core/workspace';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const PROJECT_FILES = ['compose.yaml', 'compose.override.yaml'];

/** One finding as fixtures spell it: file, code, severity and the exact 0-based range "line:char-line:char". */
export interface Expected {
  file: string;
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  range: string;
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

export function validateText(filePath: string, text: string, settings: Settings = DEFAULT_SETTINGS, workspace = new FileWorkspace()): Finding[] {
  const document = TextDocument.create(pathToUri(filePath), 'dockercompose', 1, text);
  const file = sourceFile(document, 'compose', '1.35');
  workspace.setOpen(file);
  return composeSupport.validate(file, { settings, workspace }) as Finding[];
}

/** Validates compose.yaml (and compose.override.yaml) of a fixture folder, in place. */
export function validateFixture(dir: string): Expected[] {
  const out: Expected[] = [];
  const workspace = new FileWorkspace();
  for (const name of PROJECT_FILES) {
    const filePath = path.join(dir, name);
    if (!fs.existsSync(filePath)) continue;
    for (const f of validateText(filePath, fs.readFileSync(filePath, 'utf8'), DEFAULT_SETTINGS, workspace)) {
      const r = f.range;
      out.push({ file: name, code: f.code, severity: SEVERITY[f.severity ?? 1] as Expected['severity'], range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` });
    }
  }
  return out;
}

export const STACK_FIXTURES = path.join(__dirname, 'stack-fixtures');
export const STACK_FILE = 'docker-stack.yml';

/** Validates docker-stack.yml of a stack fixture folder (checked as a stack by its name). */
export function validateStackFixture(dir: string): Expected[] {
  const filePath = path.join(dir, STACK_FILE);
  return validateText(filePath, fs.readFileSync(filePath, 'utf8')).map((f) => {
    const r = f.range;
    return { file: STACK_FILE, code: f.code, severity: SEVERITY[f.severity ?? 1] as Expected['severity'], range: `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}` };
  });
}
