import { rangeAt, type ComposeRule } from '../rule';

/** Top-level `version:` is ignored by Compose v2, which warns about it. */
export const obsoleteVersionRule: ComposeRule = {
  id: 'ObsoleteVersion',
  severity: 'warning',
  doc: 'The top-level version attribute is obsolete; docker compose ignores it and warns.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    if (compose.model.version === undefined) return;
    report(rangeAt(compose, ['version'], 'key'), 'The attribute `version` is obsolete and ignored by docker compose; remove it.', { removeLine: true });
  },
};
