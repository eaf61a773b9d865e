#!/usr/bin/env node
// Runs VS Code extension integration tests inside a REAL extension host: the code-server started by
// up.sh, driven by headless Debian chromium through playwright-core.
//
// The workbench (code-server with --vscode-option enable-smoke-test-driver) reads a `payload`
// query parameter naming extensionDevelopmentPath / extensionTestsPath; the extension host then
// loads the tests module and calls its run(). Output arrives through window.codeAutomationLog and
// the end through window.codeAutomationExit(code): both are exposed to the page here.
//
// The suite can talk back (test/e2e/suite/channel.ts): a log line `[shipshape-e2e:<kind>] <id> <arg>`
// is a request, answered by writing <channel dir>/<id>.json ({value} or {error}):
//   screenshot <name>   saves test-results/screenshots/<name>.png
//   texts <selector>    innerText of the matching elements of the workbench page
//   values <selector>   the value of each matching input element
//   type <text>         types into the focused element and presses Enter
//   result <json>       {passed, failed, skipped}, written to $SHIPSHAPE_RESULTS_FILE
//
// Usage: node run-extension-tests.mjs [--url URL] [--folder DIR | --workspace FILE.code-workspace] [--tests FILE]
//          [--dev DIR] [--env K=V]... [--timeout SECONDS] [--screenshots DIR] [--logs DIR] [--verbose]
// Without --tests it builds and runs the Shipshape suite (test/e2e) on a copy of examples/. --workspace opens a
// multi-root workspace (`?workspace=`) instead of one folder: a copy of the file's folder, opened through the copied file.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SHIPSHAPE_TEST_VSCODE_URL },
    folder: { type: 'string', default: join(repo, 'examples') },
    workspace: { type: 'string' },
    tests: { type: 'string' },
    dev: { type: 'string', default: join(repo, 'test/e2e/harness') },
    env: { type: 'string', multiple: true, default: [] },
    timeout: { type: 'string', default: process.env.SHIPSHAPE_E2E_TIMEOUT ?? '300' },
    screenshots: { type: 'string', default: join(repo, 'test-results/screenshots') },
    logs: { type: 'string', default: join(repo, 'test-results/vscode-logs') },
    chromium: { type: 'string', default: process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium' },
    verbose: { type: 'boolean', default: false },
  },
});
const fail = (message, code = 2) => {
  console.error(`run-extension-tests: ${message}`);
  writeResult({ passed: 0, failed: 1, skipped: 0 });
  process.exit(code);
};
function writeResult(counts) {
  if (process.env.SHIPSHAPE_RESULTS_FILE) writeFileSync(process.env.SHIPSHAPE_RESULTS_FILE, JSON.stringify(counts));
}
if (!opt.url) fail('no code-server URL. Source $SHIPSHAPE_RUN_DIR/env/vscode.env (test/infra/vscode/up.sh) or pass --url.');

let tests = opt.tests;
if (!tests) {
  const build = spawnSync(process.execPath, [join(repo, 'test/e2e/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) fail('building the e2e suite (test/e2e/build.mjs) failed');
  tests = join(repo, 'dist/test/e2e/suite/index.js');
}

// Tests edit documents: give them a throwaway copy of the workspace (same folder name, so the
// explorer in screenshots reads as the real one).
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-e2e-'));
const source = opt.workspace ? dirname(resolve(opt.workspace)) : resolve(opt.folder);
const folder = join(scratch, basename(source));
cpSync(source, folder, { recursive: true });
const workspaceFile = opt.workspace ? join(folder, basename(opt.workspace)) : undefined;
// The copy's folders as absolute paths: code-server resolves a relative "path" against the workspace file only
// sometimes in time for the extension host (seen: a window with the workspace's settings but no folders).
if (workspaceFile) {
  const text = readFileSync(workspaceFile, 'utf8');
  writeFileSync(
    workspaceFile,
    text.replace(/("path"\s*:\s*")([^"/][^"]*)"/g, (_, key, rel) => `${key}${join(folder, rel)}"`),
  );
}
const channelDir = join(scratch, 'channel');
mkdirSync(channelDir);
const screenshotDir = resolve(opt.screenshots);
const logDir = resolve(opt.logs);
for (const dir of [screenshotDir, logDir]) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

const base = new URL(opt.url);
// The workbench resolves these on the code-server side, so they are absolute paths on this machine.
const remote = (p) => `vscode-remote://${base.host}${resolve(p)}`;
// What live parts of the suite need (SHIPSHAPE_*, DOCKER_*, KUBECONFIG from test/infra/*/up.sh env files): passed explicitly,
// so it does not matter whether code-server was started before or after those parts.
const forwarded = Object.entries(process.env).filter(([k]) => /^(SHIPSHAPE_|DOCKER_HOST$|DOCKER_CONFIG$|DOCKER_CONTEXT$|DOCKER_CERT_PATH$|DOCKER_TLS_VERIFY$|KUBECONFIG$|CI$)/.test(k));
const extensionEnv = {
  ...Object.fromEntries(forwarded),
  ...Object.fromEntries(opt.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
  SHIPSHAPE_E2E_CHANNEL_DIR: channelDir,
  ...(process.env.SHIPSHAPE_VSCODE_EXTENSIONS_DIR ? { SHIPSHAPE_E2E_EXTENSIONS_DIR: process.env.SHIPSHAPE_VSCODE_EXTENSIONS_DIR } : {}),
  ...(process.env.SHIPSHAPE_E2E_GREP ? { SHIPSHAPE_E2E_GREP: process.env.SHIPSHAPE_E2E_GREP } : {}),
};
const payload = [
  ['extensionDevelopmentPath', remote(opt.dev)],
  ['extensionTestsPath', remote(tests)],
  ['extensionEnvironment', JSON.stringify(extensionEnv)],
];
const target = new URL('/', base);
if (workspaceFile) target.searchParams.set('workspace', workspaceFile);
else target.searchParams.set('folder', folder);
target.searchParams.set('payload', JSON.stringify(payload));

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const browser = await chromium.launch({
  executablePath: opt.chromium,
  headless: true,
  // Chromium's crash reporter writes under XDG_CONFIG_HOME even with a temp profile: keep it out of $HOME.
  env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'xdg-config'), XDG_CACHE_HOME: join(scratch, 'xdg-cache') },
  // Offline, sandbox-less container: no GPU, no background traffic to Google services.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

async function screenshot(name) {
  const file = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  writeFileSync(`${file}.tmp`, await page.screenshot());
  renameSync(`${file}.tmp`, file);
  console.log(`[run-extension-tests] screenshot ${file}`);
  return file;
}

let suiteResult;
const handlers = {
  screenshot: (name) => screenshot(name),
  texts: (selector) => page.locator(selector).allInnerTexts(),
  values: (selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.value)),
  // Typed into the focused element, then Enter, as a person answers an input box.
  type: async (text) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  },
  result: (json) => {
    suiteResult = JSON.parse(json);
  },
};
// Requests are served one at a time, in order; the answer file appears atomically.
let queue = Promise.resolve();
function serve(kind, id, arg) {
  queue = queue.then(async () => {
    let reply;
    try {
      reply = { value: (await handlers[kind]?.(arg)) ?? null };
      if (!handlers[kind]) reply = { error: `unknown request ${kind}` };
    } catch (error) {
      reply = { error: String(error?.message ?? error) };
    }
    const answer = join(channelDir, `${id}.json`);
    writeFileSync(`${answer}.tmp`, JSON.stringify(reply));
    renameSync(`${answer}.tmp`, answer);
  });
}

let finish;
const exited = new Promise((r) => (finish = r));
// The workbench routes its own log lines through codeAutomationLog too. The suite marks its
// output with E2E_PREFIX; that goes to stdout, the rest to workbench.log (stdout with --verbose).
const E2E_PREFIX = '[e2e] ';
const workbenchLog = [];
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const request = /^\[shipshape-e2e:(\w+)\] (\S+) (.*)$/s.exec(text);
  if (request) serve(request[1], request[2], request[3]);
  else if (text.startsWith(E2E_PREFIX)) console.log(text.slice(E2E_PREFIX.length));
  else {
    workbenchLog.push(`${type}: ${text}`);
    if (opt.verbose) console.log(`[workbench ${type}] ${text}`);
  }
});
await page.exposeFunction('codeAutomationExit', (code, logs) => finish({ code, logs }));
if (opt.verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.error(`[browser pageerror] ${e.message}`));

console.log(`[run-extension-tests] ${base.origin}: tests ${tests} on ${workspaceFile ?? folder}`);
await page.goto(target.href);
const timeoutS = Number(opt.timeout);
let timer;
const result = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r(null), timeoutS * 1000)))]);
clearTimeout(timer);
await queue;

let code;
if (result === null) {
  console.error(
    `[run-extension-tests] TIMEOUT: no codeAutomationExit after ${timeoutS} s. The extension host never ` +
      'finished the tests: is code-server running with --vscode-option enable-smoke-test-driver, does the tests module ' +
      `export run(), and did a test hang? Screenshot: ${join(screenshotDir, 'timeout.png')}; logs: ${logDir}.`,
  );
  console.error(`[run-extension-tests] last workbench log lines:\n  ${workbenchLog.slice(-30).join('\n  ')}`);
  await screenshot('timeout').catch(() => {});
  code = 124;
} else {
  code = result.code;
  // The workbench hands over its logs (renderer, extension host output channels) on exit.
  for (const { relativePath, contents } of Array.isArray(result.logs) ? result.logs : []) {
    const file = join(logDir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof contents === 'string' ? contents : Buffer.from(Object.values(contents ?? {})));
  }
  await screenshot('final').catch((e) => console.error(`final screenshot: ${e}`));
}
writeFileSync(join(logDir, 'workbench.log'), workbenchLog.join('\n') + '\n');
// The server side's logs: remote extension host, Shipshape's output channel, code-server itself.
const serverDir = process.env.SHIPSHAPE_VSCODE_DIR;
if (serverDir) {
  for (const [from, to] of [
    ['user-data/logs', 'server'],
    ['code-server.log', 'code-server.log'],
  ]) {
    try {
      cpSync(join(serverDir, from), join(logDir, to), { recursive: true });
    } catch {
      /* not there yet */
    }
  }
}
await browser.close();
rmSync(scratch, { recursive: true, force: true });
if (code !== 0 && !(suiteResult?.failed > 0)) suiteResult = { passed: suiteResult?.passed ?? 0, failed: 1, skipped: suiteResult?.skipped ?? 0 };
writeResult(suiteResult ?? { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 });
const shots = readdirSync(screenshotDir).filter((f) => f.endsWith('.png'));
console.log(`[run-extension-tests] exit ${code} after ${elapsed()}; ${shots.length} screenshot(s) in ${screenshotDir}`);
process.exit(code);
