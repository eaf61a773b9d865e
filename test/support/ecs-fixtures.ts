import * as fs from 'node:fs';
import * as path from 'node:path';

/** test/fixtures/ecs: realistic valid task definitions and one-defect invalid ones, with the line expected. */
export const ECS_FIXTURES = path.resolve(__dirname, '../fixtures/ecs');

export interface ExpectedFinding {
  file: string;
  code: string;
  /** 1-based line of the finding: given, or the first line containing `at`. */
  line: number;
}

export function expectedEcsFindings(): ExpectedFinding[] {
  const table = JSON.parse(fs.readFileSync(path.join(ECS_FIXTURES, 'expected.json'), 'utf8')) as { file: string; code: string; at?: string; line?: number }[];
  return table.map(({ file, code, at, line }) => {
    if (line) return { file, code, line };
    const lines = fs.readFileSync(path.join(ECS_FIXTURES, file), 'utf8').split('\n');
    const found = lines.findIndex((text) => text.includes(at!));
    if (found < 0) throw new Error(`${file}: no line contains ${at}`);
    return { file, code, line: found + 1 };
  });
}

/** Every fixture file, valid and invalid, relative to ECS_FIXTURES. */
export function ecsFixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ECS_FIXTURES, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.json')) out.push(rel);
    }
  };
  walk('valid');
  walk('invalid');
  return out.sort();
}
