/**
 * ShellCheck inside RUN: optional (Debian's `shellcheck` binary). Without the binary the rule is silent and
 * costs nothing; with it, the CLI path waits for the findings and the LSP path returns at once and asks for
 * a refresh when they are ready.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../server/src/core/diagnostics';
import { dockerfileSupport } from '../../../server/src/dockerfile';
import { shellcheckBinary } from '../../../server/src/dockerfile/support/shellcheck-runner';
import { context, dockerfile, where } from './support';

const TEXT = 'FROM alpine:3.20\nRUN echo $1 && cd /tmp \\\n    && ls $DIR*\n';
const installed = !!shellcheckBinary();

test('without the binary or with the setting off, ShellCheck adds nothing', async () => {
  const off = await dockerfileSupport.validate(dockerfile(TEXT), context({}, false));
  assert.deepEqual(
    off.filter((f) => f.code === 'ShellCheck'),
    [],
  );
});

test('CLI path (no refresh): validate waits for ShellCheck and maps findings into the RUN', { skip: !installed && process.env.CI !== 'true' && 'shellcheck is not installed' }, async () => {
  const result = dockerfileSupport.validate(dockerfile(TEXT + '# cli\n'), context({}, true));
  const findings = (await result).filter((f) => f.code === 'ShellCheck');
  assert.ok(
    findings.some((f) => String(f.message).startsWith('SC2086:') && where(f) === 'ShellCheck@3:11-3:15'),
    findings.map((f) => `${where(f)} ${f.message}`).join('\n'),
  );
  assert.ok(findings.every((f) => f.codeDescription?.href.startsWith('https://www.shellcheck.net/wiki/SC')));
});

test('CLI path with many RUNs: every one is checked even though the runner queues only a few', { skip: !installed && process.env.CI !== 'true' && 'shellcheck is not installed' }, async () => {
  const text = 'FROM alpine:3.20\n' + Array.from({ length: 12 }, (_, k) => `RUN echo $many_${k}\n`).join('');
  const findings = (await dockerfileSupport.validate(dockerfile(text), context({}, true))).filter((f) => f.code === 'ShellCheck');
  assert.equal(new Set(findings.map((f) => f.range.start.line)).size, 12);
});

test('LSP path: returns at once without waiting, then asks for a refresh that has the findings', { skip: !installed && process.env.CI !== 'true' && 'shellcheck is not installed' }, async () => {
  const text = 'FROM alpine:3.20\nRUN cat $FILE_FOR_LSP_TEST | grep x\n';
  let refreshed: string | undefined;
  const ctx = {
    ...context({}, true),
    refresh: (uri: string) => {
      refreshed = uri;
    },
  };
  const first = dockerfileSupport.validate(dockerfile(text), ctx);
  assert.ok(Array.isArray(first), 'the keystroke path is synchronous');
  assert.deepEqual(
    (first as Finding[]).filter((f) => f.code === 'ShellCheck'),
    [],
  );
  const deadline = Date.now() + 10_000;
  while (!refreshed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(refreshed, 'file:///ws/Dockerfile');
  const second = dockerfileSupport.validate(dockerfile(text), ctx) as Finding[];
  assert.ok(Array.isArray(second));
  assert.ok(second.some((f) => f.code === 'ShellCheck' && String(f.message).startsWith('SC2086')));
});

test('a burst of edits in one RUN: every wait ends, the newest script is checked, older ones may be dropped', { skip: !installed && process.env.CI !== 'true' && 'shellcheck is not installed' }, async () => {
  const { checkScript, cachedComments } = await import('../../../server/src/dockerfile/support/shellcheck-runner');
  const scripts = Array.from({ length: 20 }, (_, k) => `echo $burst_${k}`);
  const started = Date.now();
  await Promise.all(scripts.map((script) => checkScript('sh', script)));
  assert.ok(Date.now() - started < 10_000);
  assert.ok(cachedComments('sh', scripts[19]), 'the newest script was checked');
  const checked = scripts.filter((script) => cachedComments('sh', script)).length;
  assert.ok(checked < 20, `older scripts superseded (${checked} of 20 checked)`);
});
