/**
 * Agreement with BuildKit itself: test/oracles/buildkit is a Go program that lints with moby/buildkit's own
 * parser and linter (pinned in its go.mod). For every fixture and every Dockerfile of the shared corpus,
 * Shipshape must report each BuildKit finding (same rule, same instruction) and no BuildKit-named finding
 * BuildKit does not make; no error at all on a file BuildKit accepts, and an error on the instruction where
 * BuildKit fails the build.
 * A seeded generator (buildkit-generated.ts) adds Dockerfiles mixing the constructs the checks look at.
 * Needs Go; without it this suite fails (it never skips). The oracle binary is cached under
 * ${SHIPSHAPE_CACHE:-~/.cache/shipshape}/oracles/buildkit-<hash of go.sum and main.go>/.
 * Knobs: ORACLE_GENERATED (count, default 400), ORACLE_SEED (default 1), ORACLE_KEEP=file (write the
 * disagreements there and keep the generated files).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { sourceFile } from '../../server/src/core/source';
import { FileWorkspace } from '../../server/src/core/workspace';
import { dockerfileSupport } from '../../server/src/dockerfile';
import { modelOf } from '../../server/src/dockerfile/model';
import { RULES } from '../../server/src/dockerfile/rules';
import { IMAGE_ENV } from '../../server/src/dockerfile/support/image-env';
import { generatedDockerfiles } from './buildkit-generated';

const ORACLE_DIR = path.join(__dirname, 'buildkit');
const FIXTURES = path.join(ORACLE_DIR, 'fixtures');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
/** BuildKit needs a build-context session for CopyIgnoredFile; the offline oracle never reports it. */
const NOT_ORACLE_CHECKABLE = new Set(['CopyIgnoredFile']);
const BUILDKIT_RULES = new Set(RULES.filter((r) => r.buildkit).map((r) => r.id));

interface OracleResult {
  file: string;
  warnings: Array<{ rule: string; line: number; endLine: number; message: string }>;
  error: { message: string; line: number } | null;
}

function oracleBinary(): string {
  const sum = createHash('sha256')
    .update(fs.readFileSync(path.join(ORACLE_DIR, 'go.sum')))
    .update(fs.readFileSync(path.join(ORACLE_DIR, 'main.go')))
    .digest('hex')
    .slice(0, 16);
  const cache = process.env.SHIPSHAPE_CACHE || path.join(os.homedir(), '.cache', 'shipshape');
  const binary = path.join(cache, 'oracles', `buildkit-${sum}`, 'buildkit-oracle');
  if (fs.existsSync(binary)) return binary;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  assert.equal(go.status, 0, `Go is required for the BuildKit oracle (go version failed: ${go.error?.message ?? go.stderr})`);
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const built = spawnSync('nice', ['-n', '10', 'go', 'build', '-o', binary + '.tmp', '.'], { cwd: ORACLE_DIR, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=readonly' } });
  assert.equal(built.status, 0, `building the BuildKit oracle failed:\n${built.stderr}`);
  fs.renameSync(binary + '.tmp', binary);
  return binary;
}

function findDockerfiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findDockerfiles(full));
    else if (/^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|containerfile)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

function shipshape(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  const source = sourceFile(TextDocument.create(`file://${file}`, 'dockerfile', 1, text), 'dockerfile', '1.35');
  const findings = dockerfileSupport.validate(source, { settings: { ...DEFAULT_SETTINGS, dockerfile: { shellcheck: false } }, workspace: new FileWorkspace() });
  assert.ok(Array.isArray(findings));
  const model = modelOf(source);
  /** Instruction index containing a 0-based line, else the line itself (negative). */
  const anchor = (line: number) => {
    const index = model.ast.instructions.findIndex((i) => i.startLine <= line && line <= i.endLine);
    return index >= 0 ? `#${index}` : `L${line}`;
  };
  return { findings, anchor };
}

const files = [...findDockerfiles(FIXTURES), ...findDockerfiles(CORPUS)];

test('the corpus and fixtures hold Dockerfiles', () => {
  assert.ok(findDockerfiles(FIXTURES).length >= 20, 'fixtures missing');
  assert.ok(findDockerfiles(CORPUS).length >= 10, `corpus not found at ${CORPUS}`);
});

/** Runs the oracle on files and returns the disagreements with Shipshape (see the file comment). */
function compare(files: string[], label: string): string[] {
  const binary = oracleBinary();
  // Both sides know the same official images' ENV: the oracle's image configs get exactly Shipshape's table.
  const envFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'buildkit-oracle-')), 'image-env.json');
  fs.writeFileSync(envFile, JSON.stringify(IMAGE_ENV));
  const output = execFileSync(binary, files, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, BUILDKIT_ORACLE_IMAGE_ENV: envFile } });
  fs.rmSync(path.dirname(envFile), { recursive: true, force: true });
  const results: OracleResult[] = output
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(results.length, files.length);
  const problems: string[] = [];
  let warnings = 0;
  let errors = 0;
  let compared = results.length;
  for (const result of results) {
    const { findings, anchor } = shipshape(result.file);
    const ours = findings.filter((f) => BUILDKIT_RULES.has(f.code) && !NOT_ORACLE_CHECKABLE.has(f.code));
    const ourKeys = new Set(ours.map((f) => `${f.code} ${anchor(f.range.start.line)}`));
    const theirKeys = new Set<string>();
    for (const w of result.warnings) {
      warnings++;
      const key = `${w.rule} ${anchor(w.line - 1)}`;
      theirKeys.add(key);
      if (!ourKeys.has(key)) problems.push(`${result.file}:${w.line}: missing ${w.rule} (BuildKit: ${w.message})`);
    }
    // A build BuildKit rejects: Shipshape reports an error on that instruction (anywhere for file-level ones).
    // The oracle gives known images' ENV the stand-in value /x (offline, the real values are unknown): a
    // build error that only that stand-in causes is not BuildKit's verdict on the file.
    if (result.error && /(^|[^\w])\/x([^\w]|$)/.test(result.error.message)) {
      compared--;
      continue;
    }
    if (result.error) {
      errors++;
      const errorsHere = findings.filter((f) => f.severity === DiagnosticSeverity.Error);
      const at = result.error.line > 0 ? anchor(result.error.line - 1) : undefined;
      if (!errorsHere.some((f) => at === undefined || anchor(f.range.start.line) === at)) {
        problems.push(`${result.file}:${result.error.line}: BuildKit fails (${result.error.message}) but Shipshape reports no error there`);
      }
    } else {
      // After a BuildKit error its linter stops early: only the directions above can be compared then.
      for (const f of ours) {
        const key = `${f.code} ${anchor(f.range.start.line)}`;
        if (!theirKeys.has(key)) problems.push(`${result.file}:${f.range.start.line + 1}: extra ${f.code} (${f.message})`);
      }
      for (const f of findings) {
        if (f.severity === DiagnosticSeverity.Error) problems.push(`${result.file}:${f.range.start.line + 1}: error ${f.code} on a file BuildKit accepts (${f.message})`);
      }
    }
  }
  console.log(`buildkit oracle (${label}): ${compared} files, ${warnings} BuildKit warnings and ${errors} BuildKit build errors compared, ${problems.length} disagreements`);
  return problems;
}

test('Shipshape agrees with BuildKit on every fixture and corpus Dockerfile', () => {
  assert.deepEqual(compare(files, 'fixtures and corpus'), []);
});

const GENERATED = Number(process.env.ORACLE_GENERATED ?? 400);
const SEED = Number(process.env.ORACLE_SEED ?? 1);

test(`Shipshape agrees with BuildKit on ${GENERATED} generated Dockerfiles (seed ${SEED})`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildkit-generated-'));
  try {
    const generated = generatedDockerfiles(GENERATED, SEED).map((text, k) => {
      const file = path.join(dir, `g${String(k).padStart(3, '0')}.Dockerfile`);
      fs.writeFileSync(file, text);
      return file;
    });
    const problems = compare(generated, 'generated');
    if (process.env.ORACLE_KEEP) fs.writeFileSync(process.env.ORACLE_KEEP, problems.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    if (!process.env.ORACLE_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
});
