import { finding, type Finding } from '../../core/diagnostics';
import { closest, rangeAt, type ComposeRule } from '../rule';
import { propertiesOf, schemaAt } from '../schema/schema-index';
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
      const suggestion = problem.property ? closest(problem.property, propertiesOf(schemaAt(problem.path.slice(0, -1))).keys()) : undefined;
      const message = suggestion ? `${problem.message}; did you mean "${suggestion}"?` : problem.message;
      findings.push(finding('ComposeSchema', 'error', rangeAt(compose, problem.path, problem.part), message, problem.property ? { property: problem.property, path: problem.path } : undefined));
    }
    return findings;
  },
};
