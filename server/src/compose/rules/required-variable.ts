import { rangeOfOffsets } from '../../yaml/parse';
import type { ComposeRule } from '../rule';

/** `${VAR:?message}` / `${VAR?message}` with no value: docker compose refuses the file. */
export const requiredVariableRule: ComposeRule = {
  id: 'RequiredVariable',
  severity: 'error',
  doc: 'A `${VAR:?error}` variable has no value in the environment or in .env.',
  appliesTo: 'file',
  check: ({ compose, report }) =>
    compose.problems
      .filter((p) => p.item.kind === 'required')
      .forEach((p) =>
        compose.stack
          ? // The stack template's message already says that docker stack deploy reads no .env file.
            report(rangeOfOffsets(compose.document, p.start, p.end), p.item.message, { variable: p.item.variable })
          : report(rangeOfOffsets(compose.document, p.start, p.end), `${p.item.message} Set it in the environment or in ${compose.env.dotenvPath}.`, { variable: p.item.variable, dotenv: compose.env.dotenvPath }),
      ),
};
