/**
 * How deep a YAML text nests, measured before parsing. The yaml package composes recursively and runs out
 * of stack near 800 levels (100k-deep flow sequences ended in "Maximum call stack size exceeded" and no
 * diagnostics); the API server bounds nesting too (10,000 in its JSON decoder). One linear pass over the
 * text: indentation levels, `- ` entries on a line and open flow brackets (outside quotes, comments and
 * block scalars) add up to the depth.
 */
export const MAX_YAML_NESTING = 500;

/** Offset at which the nesting first passes `max`, or undefined. */
export function nestingBeyond(text: string, max = MAX_YAML_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let k = lineStart;
    while (k < lineEnd && text.charCodeAt(k) === 32) k++;
    const indent = k - lineStart;
    const blank = k === lineEnd || text[k] === '\r' || (text[k] === '#' && !quote);
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (blank) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (!quote && flow === 0) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
    }
    let depth = indents.length + flow;
    let tokenStart = true;
    for (; k < lineEnd; k++) {
      const ch = text[k];
      if (quote) {
        if (ch === '\\' && quote === '"') k++;
        else if (ch === quote) quote = '';
        continue;
      }
      if ((ch === '"' || ch === "'") && tokenStart) {
        quote = ch;
        continue;
      }
      if (ch === '#' && tokenStart) break;
      if (ch === '[' || ch === '{') {
        flow++;
        depth++;
      } else if ((ch === ']' || ch === '}') && flow > 0) {
        flow--;
        depth--;
      } else if (flow === 0 && (ch === '-' || ch === '?') && tokenStart && (k + 1 === lineEnd || text[k + 1] === ' ')) {
        depth++;
      } else if (flow === 0 && (ch === '|' || ch === '>') && tokenStart && /^[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/.test(text.slice(k, lineEnd))) {
        blockScalarIndent = indent;
        break;
      }
      if (depth > max) return k;
      tokenStart = ch === ' ' || ch === '\t' || ch === '[' || ch === '{' || ch === ',' || ch === ':';
    }
    if (depth > max) return lineStart + indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
