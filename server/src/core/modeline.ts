import { isFileKind, type FileKind } from './kinds';

/**
 * `# shipshape: kind=kubernetes version=1.33` forces the kind and Kubernetes version of one file;
 * `kind=stack` is a Compose file checked as a Swarm stack (`docker stack deploy`). JSON has no comments, so
 * JSON kinds (ecs) have no modeline: they are told by name and content only, and `kind=ecs` is ignored.
 */
export interface Modeline {
  kind?: FileKind;
  stack?: boolean;
  kubernetesVersion?: string;
  line: number;
}

const JSON_KINDS: ReadonlySet<FileKind> = new Set(['ecs']);

const MODELINE = /^\s*#\s*shipshape:\s*(.*)$/;
/** Only the head of a file is searched, so a modeline costs nothing on large files. */
const HEAD_LINES = 20;

export function readModeline(text: string): Modeline | undefined {
  let start = 0;
  for (let line = 0; line < HEAD_LINES && start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const match = MODELINE.exec(text.slice(start, end));
    if (match) return parseFields(match[1], line);
    start = end + 1;
  }
  return undefined;
}

function parseFields(fields: string, line: number): Modeline {
  const result: Modeline = { line };
  for (const field of fields.trim().split(/\s+/)) {
    const [key, value] = field.split('=', 2);
    if (!value) continue;
    if (key === 'kind' && isFileKind(value) && !JSON_KINDS.has(value)) result.kind = value;
    if (key === 'kind' && value === 'stack') {
      result.kind = 'compose';
      result.stack = true;
    }
    if (key === 'version') result.kubernetesVersion = value.replace(/^v/, '');
  }
  return result;
}
