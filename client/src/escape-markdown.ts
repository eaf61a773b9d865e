/**
 * Text from a kubeconfig or a server (context names, URLs, errors) as literal Markdown: every character
 * Markdown or VS Code's `$(icon)` syntax gives a meaning is escaped, so a context named
 * "[click](command:…)" or an error with `<img>` renders as the text it is.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&:"']/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}
