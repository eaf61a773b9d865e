import type { Position } from 'vscode-languageserver-types';

/**
 * A file's text addressed the way the engine addresses it (UTF-8 bytes; 1-based lines and byte columns)
 * and the way LSP does (lines and UTF-16 characters).
 */
export class TextIndex {
  private readonly bytes: Buffer;
  /** Byte offset of each line's start. */
  private readonly lines: number[] = [0];

  constructor(text: string) {
    this.bytes = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 10) this.lines.push(i + 1);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** The LSP position of a byte offset. */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.bytes.length));
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: this.bytes.toString('utf8', this.lines[lo], at).length };
  }

  /** The LSP position of a 1-based line and byte column (Helm's and text/template's places). */
  positionOfLine(line: number, column = 1): Position {
    const index = Math.max(0, Math.min(line - 1, this.lines.length - 1));
    return this.position(this.lines[index] + Math.max(0, column - 1));
  }

  /** The end of a (0-based) line, before its newline. */
  lineEnd(line: number): Position {
    const index = Math.max(0, Math.min(line, this.lines.length - 1));
    const end = index + 1 < this.lines.length ? this.lines[index + 1] - 1 : this.bytes.length;
    return { line: index, character: this.bytes.toString('utf8', this.lines[index], end).replace(/\r$/, '').length };
  }

  /** The text of a (0-based) line. */
  lineText(line: number): string {
    const index = Math.max(0, Math.min(line, this.lines.length - 1));
    const end = index + 1 < this.lines.length ? this.lines[index + 1] - 1 : this.bytes.length;
    return this.bytes.toString('utf8', this.lines[index], end).replace(/\r$/, '');
  }
}
