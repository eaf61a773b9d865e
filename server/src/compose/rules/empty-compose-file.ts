import type { ComposeRule } from '../rule';

/** A Compose file with no content at all: docker compose stops with "empty compose file". */
export const emptyComposeFileRule: ComposeRule = {
  id: 'EmptyComposeFile',
  severity: 'error',
  doc: 'The Compose file is empty (or only comments); docker compose refuses it.',
  appliesTo: 'file',
  check({ compose, report }) {
    const empty = compose.yaml.documents.every((doc) => doc.contents === null);
    if (!empty || compose.yaml.documents.some((doc) => doc.errors.length)) return;
    report({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'Empty Compose file: docker compose needs at least a `services:` mapping.');
  },
};
