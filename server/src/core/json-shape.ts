import { createScanner } from 'jsonc-parser';

/** jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: its values, as it declares them. */
const SyntaxKind = { OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, StringLiteral: 10, LineCommentTrivia: 12, BlockCommentTrivia: 13, EOF: 17 } as const;

/**
 * A JSON text whose top-level object has `containerDefinitions` and `family` (what RegisterTaskDefinition
 * requires) is an ECS task definition, whatever its name. Only texts naming both keys are scanned, and only
 * the top level's keys are looked at, so an unrelated package-lock.json costs two indexOf.
 */
export function hasEcsShape(text: string): boolean {
  if (!text.includes('"containerDefinitions"') || !text.includes('"family"')) return false;
  const keys = topLevelKeys(text);
  return keys.has('containerDefinitions') && keys.has('family');
}

function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  const scanner = createScanner(text, true);
  let depth = 0;
  let expectKey = false;
  for (let token: number = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    switch (token) {
      case SyntaxKind.OpenBraceToken:
        depth++;
        expectKey = depth === 1;
        break;
      case SyntaxKind.OpenBracketToken:
        depth++;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        depth--;
        if (depth <= 0) return keys;
        break;
      case SyntaxKind.CommaToken:
        expectKey = depth === 1;
        break;
      case SyntaxKind.StringLiteral:
        if (expectKey) keys.add(scanner.getTokenValue());
        expectKey = false;
        break;
      default:
        if (depth === 0 && token !== SyntaxKind.LineCommentTrivia && token !== SyntaxKind.BlockCommentTrivia) return keys;
        expectKey = false;
    }
  }
  return keys;
}
