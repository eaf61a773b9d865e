/** Formatting by dockerfile-language-service: instruction indentation and continuation lines, heredocs untouched. */
import type { TextEdit } from 'vscode-languageserver-types';
import type { FormattingOptions } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { service, withinServiceLimit } from './service';

export function format(file: SourceFile, options: FormattingOptions): TextEdit[] {
  if (!withinServiceLimit(file.text)) return [];
  return service.format(file.text, { tabSize: options.tabSize, insertSpaces: options.insertSpaces });
}
