import { closest } from '../../core/suggest';
import { rangeAt, type ComposeRule } from '../rule';
import { propertiesOf, schemaAt } from '../schema/schema-index';
import { schemaProblems } from '../schema/errors';
import { enforceUnicity, originalPath } from '../schema/unicity';
import validate from '../schema/validate.generated';

/** The Compose Specification schema (compose-go's copy), checked on the interpolated file as compose-go does. */
export const schemaRule: ComposeRule = {
  id: 'ComposeSchema',
  severity: 'error',
  doc: 'The file does not follow the Compose Specification schema that docker compose validates against.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    if (!compose.doc || compose.doc.contents === null) return;
    if (!compose.topLevelIsMap) return report(rangeAt(compose, []), 'Top-level object must be a mapping.');
    // compose-go merges duplicate list entries (same key, later wins) before it validates.
    const { data, remap } = enforceUnicity(compose.model);
    if (validate(data)) return;
    for (const found of schemaProblems(validate.errors ?? [], data)) {
      const problem = { ...found, path: originalPath(found.path, remap) };
      const suggestion = problem.property ? closest(problem.property, propertiesOf(schemaAt(problem.path.slice(0, -1))).keys()) : undefined;
      const message = suggestion ? `${problem.message}; did you mean "${suggestion}"?` : problem.message;
      report(rangeAt(compose, problem.path, problem.part), message, problem.property ? { property: problem.property, path: problem.path } : undefined);
    }
  },
};
