import { finding, type Finding } from '../../core/diagnostics';
import { rangeAt, type ComposeRule } from '../rule';
import { schemaProblems } from '../schema/errors';
import validate from '../schema/validate.generated';

/** The Compose Specification schema (compose-go's copy), checked on the interpolated file as compose-go does. */
export const schemaRule: ComposeRule = {
  id: 'ComposeSchema',
  severity: 'error',
  doc: 'The file does not follow the Compose Specification schema that docker compose validates against.',
  check({ compose }) {
    if (!compose.doc || compose.doc.contents === null) return [];
    if (!compose.topLevelIsMap) return [finding('ComposeSchema', 'error', rangeAt(compose, []), 'Top-level object must be a mapping.')];
    if (validate(compose.model)) return [];
    const findings: Finding[] = [];
    for (const problem of schemaProblems(validate.errors ?? [], compose.model)) {
      findings.push(finding('ComposeSchema', 'error', rangeAt(compose, problem.path, problem.part), problem.message, problem.property ? { property: problem.property, path: problem.path } : undefined));
    }
    return findings;
  },
};
