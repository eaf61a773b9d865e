/**
 * Whether Go's regexp package (RE2 syntax, what kube-apiserver compiles `pattern` with) refuses a pattern.
 * Checked conservatively: the Perl features RE2 lacks (lookaround, backreferences) and what JavaScript
 * also fails to parse once Go-only syntax ((?i), (?P<name>, \z, \pL) is rewritten. A pattern only Go
 * refuses in other ways passes here; the server still reports it.
 */
export function goRegexpProblem(pattern: string): string | undefined {
  // \Q…\E quotes literally: too rare to rewrite, left to the server.
  if (pattern.includes('\\Q')) return undefined;
  const lookaround = /\(\?<?[=!]/.exec(pattern);
  if (lookaround && !escaped(pattern, lookaround.index)) return `invalid or unsupported Perl syntax: \`${lookaround[0]}\``;
  const backreference = /\\[1-9]/.exec(pattern);
  if (backreference && !escaped(pattern, backreference.index)) return `invalid escape sequence: \`${backreference[0]}\``;
  const portable = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsU-]+\)/g, '')
    .replace(/\(\?[imsU-]+:/g, '(?:')
    .replace(/\\[zA]/g, '')
    .replace(/\\[pP](?:\{[^}]*\}|[A-Za-z])/g, '.');
  try {
    new RegExp(portable);
    return undefined;
  } catch (error) {
    // "Invalid regular expression: /([/: Unterminated character class" → the reason alone.
    const message = (error as Error).message;
    return message.slice(message.lastIndexOf(': ') + 2);
  }
}

/** Whether the character at `index` is preceded by an odd number of backslashes. */
function escaped(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}
