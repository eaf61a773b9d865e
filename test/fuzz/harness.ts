/**
 * The fuzz harness (issue 13): hostile generated inputs of every class the issue lists, then seeded random
 * mutations of ../shared/corpus, each opened in the built server over stdio (test/support/lsp-client.ts)
 * and asked for diagnostics and every editing request. Counts crashes (the server exited), requests over
 * the 10 s hang limit and the peak RSS. Deterministic for a seed; bounded by a time budget and stops by
 * itself. test/fuzz/fuzz.test.ts runs it at a small budget in `npm test`; bench/fuzz.bench.ts runs it long.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspClient } from '../support/lsp-client';
import { HANG_MS } from '../support/hang-bound';
import { hostilePath, hostileRepo, type HostileRepo } from '../support/hostile-repo';

export { HANG_MS };

/** The bound on the server's resident memory over a run (the 5 MB input cap, parse caches, the index). */
export const RSS_BOUND_BYTES = 1.5 * 1024 ** 3;
export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export interface FuzzInput {
  name: string;
  /** File name in the workspace (decides the kind as an editor would). */
  file: string;
  languageId: 'dockerfile' | 'dockercompose' | 'yaml';
  text: string;
  /** Also edit once (a second validation), as a user typing would. */
  edit?: boolean;
}

export interface FuzzResult {
  seed: number;
  inputs: number;
  hostile: number;
  mutations: number;
  requests: number;
  crashes: string[];
  hangs: string[];
  peakRssBytes: number;
  slowest: { name: string; method: string; ms: number };
  elapsedMs: number;
  /** Programs from the workspace that ran (must stay empty: the workspace is untrusted). */
  ran: string[];
}

export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast, seedable, good enough to pick mutations.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

const MB = 1024 * 1024;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Every class of hostile input issue 13 names, each once. Files they reference are made in `repo`. */
export function hostileInputs(repo: HostileRepo): FuzzInput[] {
  // Referenced from the workspace: a FIFO, /dev/zero, a 5,000-file include chain, a CRD with a huge enum
  // and 10k versions, invalid UTF-8 in .env.
  repo.fifo('fuzz/pipe.yaml');
  repo.symlink('fuzz/zero.yaml', '/dev/zero');
  for (const i of range(5000)) repo.write(`fuzz/chain/c${i}.yaml`, `include: [c${i + 1}.yaml]\nservices:\n  s${i}:\n    image: x\n`);
  fs.writeFileSync(path.join(repo.root, 'fuzz/.env'), Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x42, 0x3d, 0xe2, 0x82, 0x0a]));
  const versions = range(10_000).map(
    (i) =>
      `    - name: v${i}\n      served: ${i === 0}\n      storage: ${i === 0}\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                mode: { type: string, enum: [${range(
        i === 0 ? 100_000 : 1,
      )
        .map((k) => `m${k}`)
        .join(', ')}] }\n                name: { type: string, pattern: '^(a+)+$' }\n`,
  );
  repo.write(
    'fuzz/crd.yaml',
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: widgets.fuzz.dev }\nspec:\n  group: fuzz.dev\n  names: { kind: Widget, plural: widgets }\n  scope: Namespaced\n  versions:\n${versions.join('')}`,
  );

  const deployment = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  selector:\n    matchLabels: { app: d${i} }\n  template:\n    metadata:\n      labels: { app: d${i} }\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n          resources: { limits: { cpu: 500m, memory: 128Mi } }\n`;
  const bombLevels =
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
    range(8)
      .map(
        (i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      )
      .join('\n') +
    '\n';
  const deep = 100_000;
  return [
    // Aliases and merge keys.
    { name: 'compose alias bomb', file: 'fuzz/compose.yaml', languageId: 'dockercompose', text: bombLevels.replace(/^(\w):/gm, 'x-$1:') + 'services:\n  web:\n    image: nginx\n    command: *i\n' },
    { name: 'kubernetes alias bomb', file: 'fuzz/bomb.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n${bombLevels.replace(/^(\w):/gm, 'x$1:')}data:\n  k: *i\n` },
    {
      name: 'compose 10k merge chain',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text:
        'x-a0: &a0 {k0: 1}\n' +
        range(10_000)
          .map((i) => `x-a${i + 1}: &a${i + 1} {<<: *a${i}, k${i + 1}: 1}`)
          .join('\n') +
        '\nservices:\n  web:\n    image: nginx\n',
    },
    {
      name: 'compose 10k merge fans',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text:
        'x-a: &a {image: x}\nservices:\n' +
        range(10_000)
          .map((i) => `  s${i}:\n    <<: [*a, *a, *a]`)
          .join('\n') +
        '\n',
    },
    // Nesting.
    { name: '100k-deep flow sequence (compose)', file: 'fuzz/compose.yaml', languageId: 'dockercompose', text: `services:\n  web:\n    image: nginx\n    labels: ${'['.repeat(deep)}${']'.repeat(deep)}\n` },
    { name: '100k-deep flow mapping (kubernetes)', file: 'fuzz/deep.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: d }\ndata: ${'{a: '.repeat(deep)}1${'}'.repeat(deep)}\n` },
    { name: '100k-deep block sequence', file: 'fuzz/seq.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: List\nitems:\n${'- '.repeat(deep)}x\n` },
    {
      name: '3,000-deep block mapping',
      file: 'fuzz/block.yaml',
      languageId: 'yaml',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: d }\ndata:\n${range(3000)
        .map((i) => `${' '.repeat(i + 1)}k:`)
        .join('\n')} 1\n`,
    },
    // Size.
    {
      name: '4.9 MB single-line flow mapping (compose)',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text: `services: {${range(260_000)
        .map((i) => `s${i}: {image: x}`)
        .join(', ')
        .slice(0, 4.9 * MB)}}\n`,
    },
    {
      name: '4.9 MB single-line flow mapping (kubernetes)',
      file: 'fuzz/flow.yaml',
      languageId: 'yaml',
      text: `{apiVersion: v1, kind: ConfigMap, metadata: {name: f}, data: {${range(400_000)
        .map((i) => `k${i}: v`)
        .join(', ')
        .slice(0, 4.9 * MB - 100)}}}\n`,
    },
    {
      name: '12 MB manifest (over the size cap: every request refused at once)',
      file: 'fuzz/huge.yaml',
      languageId: 'yaml',
      text: range((12 * MB) / 32)
        .map((i) => `  key${String(i).padStart(10, '0')}: value-x\n`)
        .join(''),
    },
    { name: '100k documents', file: 'fuzz/docs.yaml', languageId: 'yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n' + '---\nx: 1\n'.repeat(100_000) },
    { name: '10,000 Deployments, edited', file: 'fuzz/deployments.yaml', languageId: 'yaml', text: range(10_000).map(deployment).join('---\n'), edit: true },
    // Bytes.
    { name: 'NUL bytes', file: 'fuzz/nul.yaml', languageId: 'yaml', text: 'apiVersion: v1\nkind: ConfigMap\x00\nmetadata: {name: n}\n' },
    { name: 'invalid UTF-8 (as an editor decodes it) and lone surrogates', file: 'fuzz/utf8.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: "\uFFFD\uD800x" }\ndata: { "\uDFFF": "\uFFFD\uFFFD" }\n` },
    // Files referenced from the workspace.
    {
      name: 'compose include of /dev/zero, a FIFO and a 5,000-file include chain',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text: 'include:\n  - /dev/zero\n  - pipe.yaml\n  - zero.yaml\n  - chain/c0.yaml\nservices:\n  web:\n    image: nginx\n    env_file: [pipe.yaml, zero.yaml]\n    extends: { file: pipe.yaml, service: web }\n',
    },
    {
      name: 'custom resource of a CRD with a 100k enum, 10k versions and a catastrophic pattern',
      file: 'fuzz/widget.yaml',
      languageId: 'yaml',
      text: `apiVersion: fuzz.dev/v0\nkind: Widget\nmetadata: { name: w }\nspec:\n  mode: nope\n  name: ${'a'.repeat(5000)}b\n`,
    },
    // Compose cliffs.
    {
      name: 'compose 10k-service depends_on cycle',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text:
        'services:\n' +
        range(10_000)
          .map((i) => `  s${i}:\n    image: x\n    depends_on: [s${(i + 1) % 10_000}]\n`)
          .join(''),
    },
    {
      name: 'compose 100k interpolations',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text: `services:\n  web:\n    image: nginx\n    environment:\n${range(100_000)
        .map((i) => `      - V${i}=\${V${i}:-x}\n`)
        .join('')}`,
    },
    {
      name: 'compose HEALTHCHECK search in 1 MB of blank lines',
      file: 'fuzz/compose.yaml',
      languageId: 'dockercompose',
      text: `services:\n  web:\n    image: nginx\n    depends_on: { db: { condition: service_healthy } }\n  db:\n    build: { context: ., dockerfile_inline: ${JSON.stringify('FROM alpine\n' + '\n'.repeat(MB))} }\n`,
    },
    // Kubernetes slow constructs at 1 MB.
    {
      name: 'quantity of 1 MB of digits',
      file: 'fuzz/q.yaml',
      languageId: 'yaml',
      text: `apiVersion: v1\nkind: Pod\nmetadata: { name: q }\nspec:\n  containers:\n    - name: c\n      image: x\n      resources: { limits: { cpu: "${'1'.repeat(MB)}x" } }\n`,
    },
    { name: 'underscore integer of 1 MB', file: 'fuzz/u.yaml', languageId: 'yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: u }\ndata:\n  a: 1${'_'.repeat(MB)}x\n` },
    // Dockerfile cliffs.
    {
      name: 'RUN with 100k continuations',
      file: 'fuzz/Dockerfile',
      languageId: 'dockerfile',
      text: `FROM alpine\nRUN ${range(100_000)
        .map((i) => `echo ${i}`)
        .join(' \\\n  && ')}\n`,
    },
    {
      name: '10k chained stages',
      file: 'fuzz/Dockerfile',
      languageId: 'dockerfile',
      text:
        'FROM alpine AS s0\n' +
        range(10_000)
          .map((i) => `FROM s${i} AS s${i + 1}\n`)
          .join(''),
    },
    { name: 'unterminated 100k-line heredoc', file: 'fuzz/Dockerfile', languageId: 'dockerfile', text: 'FROM alpine\nRUN <<EOF\n' + 'echo x\n'.repeat(100_000) },
    { name: '1 MB of blank lines around HEALTHCHECK', file: 'fuzz/Dockerfile', languageId: 'dockerfile', text: 'FROM alpine\n' + '\n'.repeat(MB) + 'HEALTHCHECK CMD true\n' },
    { name: '.dockerignore with a backtracking pattern', file: 'fuzz/di/Dockerfile', languageId: 'dockerfile', text: `FROM alpine\nCOPY ${'a'.repeat(5000)} /x\n` },
    // .env with an unclosed quote over 1 MB (read by the Compose file beside it).
    { name: '.env unclosed quote over 1 MB', file: 'fuzz/envq/compose.yaml', languageId: 'dockercompose', text: 'services:\n  web:\n    image: nginx:${TAG}\n' },
  ].map((input) => input as FuzzInput);
}

/** Files the hostile inputs read from disk beside them (written once per repo). */
export function hostileFiles(repo: HostileRepo): void {
  repo.write('fuzz/di/.dockerignore', '*a*a*a*a*a*a*a*a!\n');
  repo.write('fuzz/envq/.env', 'A="unclosed\n' + 'x\n'.repeat(MB / 2));
}

/** Corpus files: Compose, Kubernetes, Dockerfiles. */
export function corpusFiles(): { file: string; languageId: FuzzInput['languageId']; text: string }[] {
  const out: { file: string; languageId: FuzzInput['languageId']; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push({ file: entry.name, languageId: /compose/.test(entry.name) ? 'dockercompose' : 'yaml', text: fs.readFileSync(full, 'utf8') });
      else if (/Dockerfile/.test(entry.name)) out.push({ file: 'Dockerfile', languageId: 'dockerfile', text: fs.readFileSync(full, 'utf8') });
    }
  };
  if (fs.existsSync(CORPUS)) walk(CORPUS);
  return out;
}

const NOISE = [':', ' ', '\n', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: ', '"', "'", '#', '|', '>', '\t', '${', '}', '\\\n', '---\n', '\u0000', '\uFFFD', '0x', '1_0', 'RUN ', 'FROM ', '<<EOF\n', '  ', '%', '!', '?'];

/** One seeded mutation of a corpus file: a few insertions, deletions, duplications and line swaps. */
export function mutate(text: string, rand: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const kind = rand();
    if (kind < 0.35) out = out.slice(0, at) + NOISE[Math.floor(rand() * NOISE.length)] + out.slice(at);
    else if (kind < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 40));
    else if (kind < 0.8) {
      const piece = out.slice(at, at + 1 + Math.floor(rand() * 200));
      out = out.slice(0, at) + piece.repeat(1 + Math.floor(rand() * 20)) + out.slice(at);
    } else {
      const lines = out.split('\n');
      const a = Math.floor(rand() * lines.length);
      const b = Math.floor(rand() * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      out = lines.join('\n');
    }
  }
  return out;
}

interface Session {
  client: LspClient;
  root: string;
}

/** Runs every hostile input, then corpus mutations for `mutationMs`. */
export async function runFuzz(options: { seed: number; mutationMs: number; log?: (line: string) => void }): Promise<FuzzResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed);
  const repo = hostileRepo();
  hostileFiles(repo);
  const hostile = hostileInputs(repo);
  const corpus = corpusFiles();
  const result: FuzzResult = {
    seed: options.seed,
    inputs: 0,
    hostile: 0,
    mutations: 0,
    requests: 0,
    crashes: [],
    hangs: [],
    peakRssBytes: 0,
    slowest: { name: '', method: '', ms: 0 },
    elapsedMs: 0,
    ran: [],
  };
  const start = async (): Promise<LspClient> => {
    const { client } = await LspClient.start({
      rootPath: repo.root,
      cwd: repo.root,
      env: { ...process.env, PATH: hostilePath(repo.trustedBin) },
      initializationOptions: { trusted: false },
      settings: { dockerfile: { shellcheck: true } },
      textDocument: { foldingRange: { lineFoldingOnly: true } },
    });
    return client;
  };
  const session: Session = { client: await start(), root: repo.root };
  const sample = () => {
    const rss = session.client.rss();
    if (rss && rss > result.peakRssBytes) result.peakRssBytes = rss;
  };
  const sampler = setInterval(sample, 100);
  try {
    const queue: FuzzInput[] = [...hostile];
    let n = 0;
    let mutationsUntil = 0;
    while (true) {
      let input = queue.shift();
      if (!input) {
        mutationsUntil ||= Date.now() + options.mutationMs;
        if (Date.now() > mutationsUntil || !corpus.length) break;
        const source = corpus[Math.floor(rand() * corpus.length)];
        input = { name: `mutation ${++n} of ${source.file}`, file: `mut/${n % 50}/${source.file}`, languageId: source.languageId, text: mutate(source.text, rand) };
        result.mutations++;
      } else {
        result.hostile++;
      }
      result.inputs++;
      await exercise(session, input, result, start, log);
      sample();
    }
  } finally {
    clearInterval(sampler);
    await session.client.stop();
    result.ran = repo.ran();
    repo.remove();
  }
  result.elapsedMs = Date.now() - started;
  return result;
}

async function exercise(session: Session, input: FuzzInput, result: FuzzResult, start: () => Promise<LspClient>, log: (line: string) => void): Promise<void> {
  const { client } = session;
  const docUri = fileUri(path.join(session.root, input.file));
  const lines = input.text.split('\n', 200_000).length;
  const position = { line: Math.min(lines - 1, Math.floor(lines / 2)), character: 2 };
  const began = Date.now();
  const timed = async (method: string, work: () => Promise<unknown>): Promise<boolean> => {
    const t = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      work().then(
        () => 'ok',
        (error: unknown) => (client.alive ? `error ${String(error).slice(0, 120)}` : 'exited'),
      ),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve('hang'), HANG_MS))),
    ]);
    clearTimeout(timer);
    result.requests++;
    const ms = Date.now() - t;
    if (ms > result.slowest.ms) result.slowest = { name: input.name, method, ms };
    if (outcome === 'hang') result.hangs.push(`${input.name}: ${method} over ${HANG_MS} ms`);
    if (outcome === 'exited' || !client.alive) result.crashes.push(`${input.name}: ${method}: server exited (${client.stderr.slice(-300)})`);
    return outcome === 'ok' || outcome.startsWith('error');
  };
  let ok = await timed('publishDiagnostics', async () => {
    const waiting = client.waitForDiagnostics(docUri, () => true, HANG_MS + 1000);
    client.open(docUri, input.languageId, input.text);
    await waiting;
  });
  if (ok && input.edit) {
    ok = await timed('publishDiagnostics after an edit', async () => {
      const version = client.change(docUri, ' ', { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
      await client.waitForDiagnostics(docUri, (p) => p.version === version, HANG_MS + 1000);
    });
  }
  const textDocument = { uri: docUri };
  const requests: [string, unknown][] = [
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/selectionRange', { textDocument, positions: [position, { line: 0, character: 0 }] }],
    ['textDocument/semanticTokens/full', { textDocument }],
    ['textDocument/documentLink', { textDocument }],
    ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
  ];
  for (const [method, params] of requests) {
    if (!ok) break;
    ok = await timed(method, () => client.request(method, params));
  }
  if (ok) void client.connection.sendNotification('textDocument/didClose', { textDocument });
  log(`${ok ? 'ok  ' : 'FAIL'} ${String(Date.now() - began).padStart(6)} ms  ${input.name}`);
  if (!ok || !client.alive) {
    // A hung or dead server is replaced so the run goes on (and every later input is still measured).
    await client.stop();
    session.client = await start();
  }
}
