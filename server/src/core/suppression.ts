import type { Finding } from './diagnostics';

/**
 * `# shipshape-disable-next-line [CODE[, CODE…]]` silences findings that start on the next line
 * (every code when none is given). The comment may sit at any indentation.
 */
const DIRECTIVE = /#\s*shipshape-disable-next-line\b([^\n]*)/g;

export function suppressedLines(text: string): Map<number, Set<string> | 'all'> {
  const result = new Map<number, Set<string> | 'all'>();
  if (!text.includes('shipshape-disable-next-line')) return result;
  DIRECTIVE.lastIndex = 0;
  for (let match = DIRECTIVE.exec(text); match; match = DIRECTIVE.exec(text)) {
    const line = countLines(text, match.index) + 1;
    const codes = match[1].split(/[\s,]+/).filter((code) => /^[A-Za-z][\w-]*$/.test(code));
    result.set(line, codes.length ? new Set(codes) : 'all');
  }
  return result;
}

export function applySuppressions(text: string, findings: readonly Finding[]): Finding[] {
  const lines = suppressedLines(text);
  if (lines.size === 0) return [...findings];
  return findings.filter((item) => {
    const rule = lines.get(item.range.start.line);
    return !(rule === 'all' || rule?.has(item.code));
  });
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
