import { rangeOfOffsets } from '../../yaml/parse';
import type { ComposeRule } from '../rule';

/** A `${` that is not a valid substitution: compose-go stops with "Invalid template". */
export const invalidInterpolationRule: ComposeRule = {
  id: 'InvalidInterpolation',
  severity: 'error',
  doc: 'A `${...}` that docker compose cannot interpolate; write `$$` for a literal `$`.',
  appliesTo: 'file',
  check: ({ compose, report }) => compose.problems.filter((p) => p.item.kind === 'invalid').forEach((p) => report(rangeOfOffsets(compose.document, p.start, p.end), p.item.message)),
};
