import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { isMap, isSeq, type Node } from 'yaml';
import { UP_TIME_CODES } from '../../server/src/compose/rules';
import { lookup, parseYaml, type YamlPath } from '../../server/src/yaml/parse';
import { FIXTURES, PROJECT_FILES, validateFixture, validateText } from '../unit/compose/support';

// Agreement with compose-go, the loader `docker compose` runs: every project it rejects, Shipshape flags with an
// error on the line of the cause; every project it accepts, Shipshape reports no error for. Same environment
// (this process's), same .env files. Errors compose only meets at `up` (UP_TIME_CODES) are left out.

const REPO = path.resolve(__dirname, '../..');
const ORACLE_DIR = path.join(__dirname, 'compose-go');
const CORPUS = process.env.SHIPSHAPE_CORPUS ?? path.resolve(REPO, '../shared/corpus');
const CI = process.env.CI === 'true';

function buildOracle(): string | undefined {
  const sum = createHash('sha256')
    .update(fs.readFileSync(path.join(ORACLE_DIR, 'go.sum')))
    .update(fs.readFileSync(path.join(ORACLE_DIR, 'main.go')))
    .digest('hex')
    .slice(0, 16);
  const cache = path.join(process.env.SHIPSHAPE_CACHE ?? path.join(os.homedir(), '.cache', 'shipshape'), 'oracles');
  const binary = path.join(cache, `compose-go-${sum}`);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(cache, { recursive: true });
  const result = spawnSync('nice', ['-n', '10', 'go', 'build', '-buildvcs=false', '-o', `${binary}.tmp`, '.'], { cwd: ORACLE_DIR, encoding: 'utf8', timeout: 15 * 60_000 });
  if (result.status !== 0) {
    const reason = `cannot build the compose-go oracle: ${result.error?.message ?? result.stderr}`;
    if (CI) throw new Error(reason);
    console.log(`skipping: ${reason}`);
    return undefined;
  }
  fs.renameSync(`${binary}.tmp`, binary);
  return binary;
}

interface Verdict {
  file: string;
  ok: boolean;
  error?: string;
}

function runOracle(binary: string, targets: string[]): Map<string, Verdict> {
  const out = execFileSync(binary, targets, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const verdicts = new Map<string, Verdict>();
  for (const line of out.split('\n').filter(Boolean)) {
    const verdict = JSON.parse(line) as Verdict;
    verdicts.set(verdict.file, verdict);
  }
  return verdicts;
}

interface Flagged {
  file: string;
  line: number;
  code: string;
  message: string;
}

/** Shipshape's load-time errors for a project folder (compose.yaml + override) or a single file. */
function shipshapeErrors(target: string): Flagged[] {
  if (fs.statSync(target).isDirectory()) {
    return validateFixture(target)
      .filter((f) => f.severity === 'error' && !UP_TIME_CODES.has(f.code))
      .map((f) => ({ file: path.join(target, f.file), line: Number(f.range.split(':')[0]), code: f.code, message: '' }));
  }
  return validateText(target, fs.readFileSync(target, 'utf8'))
    .filter((f) => f.severity === 1 && !UP_TIME_CODES.has(f.code))
    .map((f) => ({ file: target, line: f.range.start.line, code: f.code, message: f.message }));
}

/** Lines (file → 0-based lines) compose-go's error message points at; undefined when it names no place. */
export function causeLines(error: string, files: string[]): Map<string, Set<number>> | undefined {
  const out = new Map<string, Set<number>>();
  const add = (file: string, line: number) => out.set(file, (out.get(file) ?? new Set()).add(line));
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const yamlLine = /line (\d+): (?!line)/.exec(error);
  if (yamlLine) for (const f of files) if (error.includes(f)) add(f, Number(yamlLine[1]) - 1);
  if (out.size) return out;
  const addPath = (segments: YamlPath) => {
    for (const [file, text] of texts) {
      const doc = parseYaml(text).documents[0];
      if (!doc) continue;
      for (let depth = segments.length; depth >= 2; depth--) {
        const { pair, value } = lookup(doc, segments.slice(0, depth));
        const node = (pair?.key as Node | undefined) ?? value;
        if (!node?.range) continue;
        add(file, lineOf(text, node.range[0]));
        if (value && (isMap(value) || isSeq(value)) && value.range) for (let l = lineOf(text, value.range[0]); l <= lineOf(text, value.range[1] - 1); l++) add(file, l);
        break;
      }
    }
  };
  // A key YAML does not read as a string: "non-string key in services.web.environment: 1", "… at top level: 123".
  const nonString = /^non-string key (?:in (\S+)|at top level): (\S+)/.exec(error);
  if (nonString) {
    const segments: YamlPath = [
      ...(nonString[1] ?? '')
        .replace(/\[(\d+)\]/g, '.$1')
        .split('.')
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      nonString[2],
    ];
    for (const [file, text] of texts) {
      const doc = parseYaml(text).documents[0];
      const key = doc && (lookup(doc, segments).pair?.key as Node | undefined);
      if (key?.range) add(file, lineOf(text, key.range[0]));
    }
    if (out.size) return out;
  }
  // A dotted path: services.web.ports.0, services[web].mem_limit, secrets.token.
  const dotted = /\b((?:services|volumes|networks|secrets|configs|models|include|jobs)(?:\[[\w.-]+\]|\.[\w.-]+)+)/.exec(error);
  if (dotted)
    addPath(
      dotted[1]
        .replace(/\[([\w.-]+)\]/g, '.$1')
        .split('.')
        .filter(Boolean)
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
    );
  // Consistency errors about one service: the service itself, or the attributes named.
  const about = /^service "?([\w.-]+)"? (?:has neither|declares mutually exclusive `(\w+)` and `(\w+)`)/.exec(error);
  if (about) {
    if (about[2]) for (const attribute of [about[2], about[3]]) addPath(['services', about[1], attribute]);
    else addPath(['services', about[1]]);
  }
  const cycle = /dependency cycle detected: (.*)/.exec(error);
  if (cycle) for (const name of cycle[1].split(' -> ')) addPath(['services', name, 'depends_on']);
  if (out.size) return out;
  // Otherwise the names and values it quotes: service "web" … "databse", Invalid proto: tcpx, invalid spec: :/media/…
  const tokens = new Set<string>();
  // The subject (service "web" …) is not the cause; what it refers to is.
  error = error.replace(/^service "?[\w.-]+"? /, '').replace(/: invalid compose project$/, '');
  for (const m of error.matchAll(/undefined (?:service|volume|network|secret|config|model|build secret) "?([\w.-]+)"?/g)) tokens.add(m[1]);
  for (const m of error.matchAll(/"([^"]{2,})"|'([^']{2,})'|(?:spec|proto|Ports|service|network|volume|secret|config|model): ?(\S{2,})/g)) tokens.add((m[1] ?? m[2] ?? m[3]).replace(/[:,]$/, ''));
  for (const m of error.matchAll(/\b(\d+-\d+)\b/g)) tokens.add(m[1]);
  for (const m of error.matchAll(/(?:^|\s)(\/\S+)/g)) tokens.add(path.basename(m[1].replace(/:$/, '')));
  for (const m of error.matchAll(/(\w+)(?: -> (\w+))+/g)) for (const name of m[0].split(' -> ')) tokens.add(name);
  for (const m of error.matchAll(/\b(\w+)\.(\w+) must\b/g)) tokens.add(`${m[2]}:`);
  for (const [file, text] of texts) {
    text.split('\n').forEach((line, index) => {
      const code = line.replace(/\s+#.*$/, '');
      for (const token of tokens) if (token.length >= 2 && code.includes(token)) add(file, index);
    });
  }
  return out.size ? out : undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function composeFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

/**
 * Mutants: corpus files with one seeded edit each (a line deleted or doubled, a value or list item replaced by
 * something plausible but often wrong, a word's letters shifted), written to a temporary folder. They reach
 * the corners no one thinks to write a fixture for.
 */
function mutants(files: string[], count: number, seed: number): string[] {
  if (!files.length || !count) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-compose-mutants-'));
  const junk = ['${', 'abc', '-1', '1.5', 'true', '[]', '{}', '"80:80/xyz"', '10sec', '""', 'null', '"a:b:c:d"', '${X:?}', '0', '"1g"', 'x y'];
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const lines = fs.readFileSync(files[random(files.length)], 'utf8').split('\n');
    const at = random(lines.length);
    switch (random(5)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, lines[at]);
        break;
      case 2:
        lines[at] = lines[at].replace(/: .*$/, `: ${junk[random(junk.length)]}`);
        break;
      case 3:
        lines[at] = lines[at].replace(/([A-Za-z])([A-Za-z]*)$/, (_m, a: string, b: string) => b + a);
        break;
      default:
        lines[at] = lines[at].replace(/^(\s*- ).*$/, `$1${junk[random(junk.length)]}`);
    }
    const target = path.join(dir, `m${String(i).padStart(3, '0')}`);
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'compose.yaml'), lines.join('\n'));
    out.push(target);
  }
  return out;
}

const binary = buildOracle();
const fixtureDirs = fs
  .readdirSync(FIXTURES)
  .sort()
  .map((name) => path.join(FIXTURES, name));
const corpusFiles = composeFilesUnder(path.join(CORPUS, 'compose'));
const mutantDirs = binary ? mutants(corpusFiles, Number(process.env.SHIPSHAPE_COMPOSE_MUTANTS ?? 300), Number(process.env.SHIPSHAPE_COMPOSE_MUTANT_SEED ?? 1)) : [];
after(() => {
  for (const dir of new Set(mutantDirs.map((d) => path.dirname(d)))) if (path.basename(dir).startsWith('shipshape-compose-mutants-')) fs.rmSync(dir, { recursive: true, force: true });
});
const targets = [...fixtureDirs, ...corpusFiles, ...mutantDirs];
const verdicts = binary ? runOracle(binary, targets) : new Map<string, Verdict>();
const tally = { accepted: 0, rejected: 0, lineMatched: 0, fileOnly: 0, fileOnlyErrors: [] as string[] };

for (const target of targets) {
  const label = mutantDirs.includes(target) ? `mutant ${path.basename(target)}` : path.relative(REPO, target).startsWith('..') ? path.relative(CORPUS, target) : path.relative(REPO, target);
  test(`compose-go agrees: ${label}`, { skip: !binary }, () => {
    const verdict = verdicts.get(target);
    assert.ok(verdict, `no verdict from the oracle for ${target}`);
    const flagged = shipshapeErrors(target);
    if (verdict.ok) {
      tally.accepted++;
      assert.deepEqual(flagged, [], 'compose-go accepts this project; Shipshape must report no error');
      return;
    }
    tally.rejected++;
    assert.ok(flagged.length > 0, `compose-go rejects it (${verdict.error}) but Shipshape reports no error${mutantDirs.includes(target) ? `\n${fs.readFileSync(path.join(target, 'compose.yaml'), 'utf8')}` : ''}`);
    const files = fs.statSync(target).isDirectory() ? PROJECT_FILES.map((f) => path.join(target, f)).filter((f) => fs.existsSync(f)) : [target];
    const causes = causeLines(verdict.error ?? '', files);
    if (!causes) {
      tally.fileOnly++;
      tally.fileOnlyErrors.push(`${path.basename(target)}: ${verdict.error}`);
      return;
    }
    const hit = flagged.some((f) => causes.get(f.file)?.has(f.line));
    assert.ok(
      hit,
      `compose-go: ${verdict.error}\ncause lines: ${JSON.stringify([...causes].map(([f, l]) => [path.basename(f), [...l].map((n) => n + 1)]))}\nShipshape errors: ${JSON.stringify(flagged.map((f) => [path.basename(f.file), f.line + 1, f.code]))}`,
    );
    tally.lineMatched++;
  });
}

test('agreement summary', { skip: !binary }, () => {
  for (const dir of mutantDirs) fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    `compose-go oracle: ${targets.length} projects (${fixtureDirs.length} fixtures, ${corpusFiles.length} corpus files, ${mutantDirs.length} mutants); accepted ${tally.accepted}, rejected ${tally.rejected} (cause line matched ${tally.lineMatched}, file-level only ${tally.fileOnly}${tally.fileOnlyErrors.length ? `: ${tally.fileOnlyErrors.join(' | ')}` : ''})`,
  );
  assert.ok(corpusFiles.length > 0 || !CI, `no Compose files under ${CORPUS}/compose`);
});
