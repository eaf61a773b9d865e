// What docker-compose v1 (Debian's `docker-compose` 1.29) cannot read: top-level keys the Compose
// Specification added after v1 was frozen. v1 rejects them with a schema error naming regexes
// ("'name' does not match any of the regexes"), so they are found first and said in plain words.
import * as fs from 'node:fs';

/** Top-level keys v1's schema refuses, with what each is for. */
const V2_ONLY: Record<string, string> = {
  name: 'the project name',
  include: 'including other Compose files',
  models: 'AI models',
};

export interface V1Blocker {
  file: string;
  /** 1-based */
  line: number;
  key: string;
  what: string;
}

/** The v2-only top-level keys in these files (a line scan: a top-level key starts at column 0). */
export function v1Blockers(files: readonly string[], read: (file: string) => string = (f) => fs.readFileSync(f, 'utf8')): V1Blocker[] {
  const found: V1Blocker[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = read(file);
    } catch {
      continue; // Compose itself reports a missing file
    }
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const m = /^([a-z]+)\s*:/.exec(lines[i]!);
      if (m && Object.hasOwn(V2_ONLY, m[1]!)) found.push({ file, line: i + 1, key: m[1]!, what: V2_ONLY[m[1]!]! });
    }
  }
  return found;
}

/** Why v1 cannot run these files and how to get v2; undefined when v1 can read them. */
export function v1Refusal(blockers: readonly V1Blocker[], version: string, relative: (file: string) => string = (f) => f): string | undefined {
  if (!blockers.length) return undefined;
  const where = blockers.map((b) => `top-level \`${b.key}:\` (${b.what}) at ${relative(b.file)}:${b.line}`).join(', ');
  return (
    `Only docker-compose v1 (${version}) is installed, and it cannot read ${where}: that needs Compose v2 (\`docker compose\`). ` +
    "Install the Compose v2 plugin (Docker Desktop has it; on Debian or Ubuntu, docker-compose-plugin from Docker's apt repository) " +
    'and Shipshape uses it; shipshape.docker.composeVersion chooses between them when both are installed.'
  );
}
