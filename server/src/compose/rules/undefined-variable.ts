import { rangeOfOffsets } from '../../yaml/parse';
import type { ComposeRule } from '../rule';

/** `$VAR` / `${VAR}` with no value anywhere: compose substitutes an empty string and warns. */
export const undefinedVariableRule: ComposeRule = {
  id: 'UndefinedVariable',
  severity: 'warning',
  doc: 'A variable with no value in the environment or in .env beside the file; docker compose substitutes an empty string.',
  appliesTo: 'file',
  check({ compose, report }) {
    for (const use of compose.uses) {
      if (use.item.hasFallback || use.item.required || compose.env.lookup(use.item.name) !== undefined) continue;
      if (compose.stack) {
        report(
          rangeOfOffsets(compose.document, use.start, use.end),
          `Variable "${use.item.name}" is not set in the environment: docker stack deploy reads no .env file and substitutes an empty string. Export it in the shell that runs the deploy, give it a default (\${${use.item.name}:-default}), or write $$${use.item.name} if the container's shell should expand it.`,
          { variable: use.item.name },
        );
        continue;
      }
      const where = compose.env.dotenvExists ? `not in ${compose.env.dotenvPath}` : `no ${compose.env.dotenvPath}`;
      report(
        rangeOfOffsets(compose.document, use.start, use.end),
        `Variable "${use.item.name}" is not set (not in the environment, ${where}): docker compose substitutes an empty string. Give it a value there, a default (\${${use.item.name}:-default}), or write $$${use.item.name} if the container's shell should expand it.`,
        { variable: use.item.name, dotenv: compose.env.dotenvPath },
      );
    }
  },
};
