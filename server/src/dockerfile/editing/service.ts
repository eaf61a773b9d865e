/** The dockerfile-language-service instance (rcjsuen) used for instruction docs, keyword completion and formatting. */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { MarkupKind, type Position, type Range } from 'vscode-languageserver-types';

export const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: [MarkupKind.Markdown] } }, hover: { contentFormat: [MarkupKind.Markdown] } });

export const contains = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
