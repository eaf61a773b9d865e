import type { TextEdit } from 'vscode-languageserver-types';
import type { FormattingOptions, ServiceContext } from '../core/language';
import type { SourceFile } from '../core/source';
import { parseYaml } from './parse';

/**
 * Re-prints the file from its syntax tree, which keeps comments, anchors and key order; indentation follows
 * the editor's tab size. Files with syntax errors are left alone rather than guessed at.
 */
/**
 * Re-printing costs a full parse and a print of the whole file in one call (a 400 kB file of 10k merge keys:
 * 3 s; 100k tiny documents: 7 s): past this size formatting is not offered, so it never nears a hang.
 */
export const MAX_FORMAT_BYTES = 256 * 1024;

export function formatYaml(file: SourceFile, options: FormattingOptions, _ctx: ServiceContext): TextEdit[] {
  if (file.text.length > MAX_FORMAT_BYTES) return [];
  // A full parse (not the keystroke-path block cache): printing needs every comment and the document's own nodes.
  const yaml = parseYaml(file.text);
  if (yaml.documents.some((doc) => doc.errors.length)) return [];
  const indent = Math.max(1, Math.min(8, options.tabSize || 2));
  const text = yaml.documents
    .map((doc, i) => {
      const out = doc.toString({ indent, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
      return i === 0 ? out : out.startsWith('---') ? out : `---\n${out}`;
    })
    .join('');
  const formatted = restoreKeyComments(file.text, text);
  if (!formatted || formatted === file.text) return [];
  return [{ range: { start: { line: 0, character: 0 }, end: file.document.positionAt(file.text.length) }, newText: formatted }];
}

/**
 * The printer moves `key: # comment` (a comment after a key whose value is a nested block) onto the next
 * line; put such comments back where the author wrote them.
 */
function restoreKeyComments(original: string, formatted: string): string {
  const pairs = new Set<string>();
  for (const line of original.split('\n')) {
    const m = /^\s*(?:-\s+)?([^#\s][^#]*?:)\s+(#.*?)\s*$/.exec(line);
    if (m) pairs.add(`${m[1]}\u0000${m[2]}`);
  }
  if (!pairs.size) return formatted;
  const lines = formatted.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const key = /^\s*(?:-\s+)?([^#\s][^#]*?:)$/.exec(lines[i]);
    const comment = lines[i + 1]?.trim();
    if (key && comment?.startsWith('#') && pairs.has(`${key[1]}\u0000${comment}`)) {
      out.push(`${lines[i]} ${comment}`);
      i++;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}
