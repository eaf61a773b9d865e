import * as path from 'node:path';
import { FILE_NOT_READ_RULE } from '../../core/read-guard';
import { fileReferences } from '../file-references';
import { rangeAt, type ComposeRule } from '../rule';

/**
 * A file the project names that Shipshape refused to read: a FIFO or device, a symlink out of the workspace,
 * a file past the size cap. Said once, where the file is named, so a missing check is never silent.
 */
export const fileNotReadRule: ComposeRule = {
  ...FILE_NOT_READ_RULE,
  appliesTo: 'file',
  check({ compose, project, workspace, report }) {
    const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const dotenv = workspace.read(compose.env.dotenvPath);
    if (!dotenv.ok && dotenv.reason !== 'missing') {
      report(top, `The project's .env (${compose.env.dotenvPath}) ${dotenv.message}: its variables were not used.`);
    }
    for (const file of project.files) {
      if (file === compose.path) continue;
      const result = workspace.read(file);
      if (result.ok || result.reason === 'missing') continue;
      const via = project.source === 'COMPOSE_FILE' ? 'COMPOSE_FILE' : project.source === 'settings' ? 'shipshape.compose.files' : 'the project';
      report(top, `${path.basename(file)}, named by ${via}, ${result.message}: it was not merged.`);
    }
    for (const ref of fileReferences(compose, project.dir)) {
      const result = workspace.read(ref.target);
      if (result.ok || result.reason === 'missing') continue;
      report(rangeAt(compose, ref.at), `${ref.what} "${ref.written}" ${result.message}; it was not read.`);
    }
  },
};
