/** The dockerfile-language-service instance (rcjsuen) used for instruction docs, keyword completion and formatting. */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { MarkupKind, type Position, type Range } from 'vscode-languageserver-types';

export const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: [MarkupKind.Markdown] } }, hover: { contentFormat: [MarkupKind.Markdown] } });

/**
 * The library re-parses the whole text on every call at ~40 µs a line, and its formatter grows faster than
 * the text (an unterminated 100k-line heredoc: 8 s and more). Past this many lines its conveniences
 * (instruction docs on hover, keyword completion, formatting) are not offered; Shipshape's own features
 * (diagnostics, variables, stages, selection) still are.
 */
export const MAX_SERVICE_LINES = 20_000;

export function withinServiceLimit(text: string): boolean {
  let lines = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) if (++lines > MAX_SERVICE_LINES) return false;
  return true;
}

export const contains = (r: Range, p: Position) => (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
