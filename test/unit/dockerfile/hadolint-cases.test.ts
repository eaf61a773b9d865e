/**
 * Shipshape's Dockerfile rules on hadolint's own test cases (hadolint/hadolint test/Hadolint/Rule/DL*Spec.hs:
 * the Dockerfiles of each `ruleCatches` / `ruleCatchesNot`, for the rules Shipshape also has). Cases written
 * without a FROM get `FROM scratch` first; hadolint's ONBUILD variants are left out (Shipshape's shell rules
 * read RUN only). Where Shipshape disagrees on purpose, the case says what it reports and why.
 * Measured before the fixes of issue 14: 7 false positives and 5 misses on these 69 cases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lint } from './support';

interface Case {
  name: string;
  lines: string[];
  /** Whether hadolint's rule reports it. */
  hadolint: boolean;
  /** A deliberate difference: what Shipshape reports instead, and why. */
  differs?: string;
}

const RULES: Array<{ hadolint: string; shipshape: string[]; cases: Case[] }> = [
  {
    hadolint: 'DL3002',
    shipshape: ['LastUserRoot'],
    cases: [
      { name: 'last user root', lines: ['FROM scratch', 'USER root'], hadolint: true },
      { name: 'no root', lines: ['FROM scratch', 'USER foo'], hadolint: false },
      { name: 'root UID', lines: ['FROM scratch', 'USER 0'], hadolint: true },
      { name: 'root:root', lines: ['FROM scratch', 'USER root:root'], hadolint: true },
      { name: 'UID:GID', lines: ['FROM scratch', 'USER 0:0'], hadolint: true },
      { name: 'switches back to non-root', lines: ['FROM scratch', 'USER root', 'RUN something', 'USER foo'], hadolint: false },
      { name: 'root inherited through FROM <stage>', lines: ['FROM debian as base', 'USER root', 'RUN something', 'FROM base', 'RUN something else'], hadolint: true },
      {
        name: 'root in a build stage the final image does not build on',
        lines: ['FROM debian as base', 'USER root', 'RUN something', 'FROM scratch', 'USER foo', 'RUN something else'],
        hadolint: true,
        differs: 'LastUserRoot is about the user the container runs as: the final image is built FROM scratch with USER foo; a build stage that stays root never runs',
      },
      { name: 'switches back in every stage', lines: ['FROM debian as base', 'USER root', 'RUN something', 'USER foo', 'FROM scratch', 'RUN something else'], hadolint: false },
    ],
  },
  {
    hadolint: 'DL3009',
    shipshape: ['AptGetListsNotCleaned'],
    cases: [
      { name: 'no cleanup', lines: ['FROM scratch', 'RUN apt-get update && apt-get install python'], hadolint: true },
      { name: 'no cleanup in a stage the final image does not build on', lines: ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN echo hey!'], hadolint: false },
      // hadolint has this Dockerfile twice, as "stage image" and as "stage not used later".
      { name: 'no cleanup in a stage not used later', lines: ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM scratch', 'RUN hey!'], hadolint: false },
      { name: 'no cleanup in the last stage', lines: ['FROM ubuntu as foo', 'RUN hey!', 'FROM scratch', 'RUN apt-get update && apt-get install python'], hadolint: true },
      { name: 'no cleanup in a stage the final image builds on', lines: ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python', 'FROM foo', 'RUN hey!'], hadolint: true },
      { name: 'cleanup in a stage the final image builds on', lines: ['FROM ubuntu as foo', 'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*', 'FROM foo', 'RUN hey!'], hadolint: false },
      { name: 'cleanup', lines: ['FROM scratch', 'RUN apt-get update && apt-get install python && rm -rf /var/lib/apt/lists/*'], hadolint: false },
      { name: 'cache mount on the lists', lines: ['FROM scratch', 'RUN --mount=type=cache,target=/var/lib/apt/lists \\', '    apt-get update && apt-get install python'], hadolint: false },
      {
        name: 'cache mounts on both apt directories, docker-clean removed',
        lines: ['FROM scratch', 'RUN --mount=type=cache,target=/var/lib/apt \\', '    --mount=type=cache,target=/var/cache/apt \\', '    rm -f /etc/apt/apt.conf.d/docker-clean && \\', '    apt-get update && apt-get install python'],
        hadolint: false,
      },
      {
        name: 'cache mounts on both apt directories, docker-clean removed earlier',
        lines: ['FROM scratch', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/cache/apt \\', '    --mount=type=cache,target=/var/lib/apt \\', '    apt-get update && apt-get install foo'],
        hadolint: false,
      },
      {
        name: 'cache mount on the archives only: the lists stay',
        lines: ['FROM scratch', 'RUN --mount=type=cache,target=/var/cache/apt \\', '    rm -f /etc/apt/apt.conf.d/docker-clean && \\', '    apt-get update && apt-get install python'],
        hadolint: true,
      },
      {
        name: 'cache mount on the lists only, docker-clean removed: the archives stay',
        lines: ['FROM scratch', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'RUN --mount=type=cache,target=/var/lib/apt \\', '    apt-get update && apt-get install python'],
        hadolint: true,
      },
    ],
  },
  {
    hadolint: 'DL3015',
    shipshape: ['AptGetNoInstallRecommends'],
    cases: [
      { name: '--no-install-recommends', lines: ['FROM scratch', 'RUN apt-get install --no-install-recommends python'], hadolint: false },
      { name: 'install', lines: ['FROM scratch', 'RUN apt-get install python'], hadolint: true },
      { name: '-y install', lines: ['FROM scratch', 'RUN apt-get -y install python'], hadolint: true },
      { name: 'recommends off with -o', lines: ['FROM scratch', 'RUN apt-get -o APT::Install-Recommends=false install python'], hadolint: false },
    ],
  },
  {
    hadolint: 'DL4006',
    shipshape: ['PipeWithoutPipefail'],
    cases: [
      { name: 'missing pipefail', lines: ['FROM scratch', 'RUN wget -O - https://some.site | wc -l > /number'], hadolint: true },
      { name: 'no pipe', lines: ['FROM scratch as build', 'RUN wget -O - https://some.site && wc -l file > /number'], hadolint: false },
      ...[
        '["/bin/bash", "-eo", "pipefail", "-c"]',
        '["/bin/bash", "-e", "-o", "pipefail", "-c"]',
        '["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]',
        '["/bin/zsh", "-o", "pipefail", "-c"]',
        '["/usr/bin/bash", "-o", "pipefail", "-c"]',
        '["/usr/local/bin/zsh", "-o", "pipefail", "-c"]',
      ].map((shell) => ({ name: `SHELL ${shell}`, lines: ['FROM scratch as build', `SHELL ${shell}`, 'RUN wget -O - https://some.site | wc -l file > /number'], hadolint: false })),
      { name: 'SHELL pwsh', lines: ['FROM scratch as build', 'SHELL ["pwsh", "-c"]', 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value'], hadolint: false },
      {
        name: 'SHELL /bin/sh -o pipefail',
        lines: ['FROM scratch as build', 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number'],
        hadolint: true,
        differs: 'pipefail is set: busybox sh honours it, and a sh without it (older dash) fails the build loudly, so nothing goes unnoticed',
      },
      {
        name: 'missing pipefail in the next stage',
        lines: ['FROM scratch as build', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number', 'FROM scratch as build2', 'RUN wget -O - https://some.site | wc -l file > /number'],
        hadolint: true,
      },
      {
        name: 'a later SHELL without pipefail',
        lines: ['FROM scratch as build', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number', 'SHELL ["/bin/sh", "-c"]', 'RUN wget -O - https://some.site | wc -l file > /number'],
        hadolint: true,
      },
      ...['[ "pwsh", "-c" ]', '[ "powershell.exe" ]', '[ "cmd.exe", "/c" ]'].map((shell) => ({
        name: `SHELL ${shell}`,
        lines: ['FROM mcr.microsoft.com/powershell:ubuntu-16.04', `SHELL ${shell}`, 'RUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value'],
        hadolint: false,
      })),
    ],
  },
  {
    hadolint: 'DL3022',
    shipshape: ['UnknownStage', 'MisspelledStage'],
    cases: [
      {
        name: 'an image name that is no stage',
        lines: ['FROM scratch', 'COPY --from=foo bar .'],
        hadolint: true,
        differs: 'BuildKit copies from the image foo, a valid source (COPY --from=busybox …); only a name a typo away from a stage is reported (MisspelledStage)',
      },
      { name: 'a stage defined after', lines: ['FROM scratch', 'COPY --from=build foo .', 'FROM node as build', 'RUN baz'], hadolint: true },
      { name: 'a stage defined before', lines: ['FROM scratch as build', 'RUN foo', 'FROM node', 'COPY --from=build foo .', 'RUN baz'], hadolint: false },
      { name: 'an external image', lines: ['FROM scratch', 'COPY --from=haskell:latest bar .'], hadolint: false },
      { name: 'the stage index of the current stage', lines: ['FROM scratch', 'COPY --from=0 bar .'], hadolint: true },
      { name: 'an earlier stage index', lines: ['FROM scratch as build', 'RUN foo', 'FROM node', 'COPY --from=0 foo .'], hadolint: false },
      { name: 'an earlier unnamed stage index', lines: ['FROM scratch', 'RUN foo', 'FROM node', 'COPY --from=0 foo .'], hadolint: false },
    ],
  },
  {
    hadolint: 'DL3003',
    shipshape: ['RunCd'],
    cases: [
      { name: 'WORKDIR', lines: ['FROM scratch', 'WORKDIR /opt'], hadolint: false },
      { name: 'cd', lines: ['FROM scratch', 'RUN cd /opt'], hadolint: true },
    ],
  },
  {
    hadolint: 'DL3004',
    shipshape: ['SudoInRun'],
    cases: [
      { name: 'sudo', lines: ['FROM scratch', 'RUN sudo apt-get update'], hadolint: true },
      { name: 'installing sudo', lines: ['FROM scratch', 'RUN apt-get install sudo'], hadolint: false },
      { name: 'sudo in a chain', lines: ['FROM scratch', 'RUN apt-get update && sudo apt-get install'], hadolint: true },
    ],
  },
  {
    hadolint: 'DL3020',
    shipshape: ['AddInsteadOfCopy'],
    cases: [
      ...['file.tar', 'file.gz', 'file.bz2', 'file.xz', 'file.tgz', 'http://file.com', '"file.tgz"', '"http://file.com"'].map((source) => ({ name: `ADD ${source}`, lines: ['FROM scratch', `ADD ${source} /usr/src/app/`], hadolint: false })),
      ...['file', 'file.zip', '"file.zip"'].map((source) => ({ name: `ADD ${source}`, lines: ['FROM scratch', `ADD ${source} /usr/src/app/`], hadolint: true })),
    ],
  },
  {
    hadolint: 'DL3007',
    shipshape: ['ImageLatestTag'],
    cases: [
      { name: ':latest', lines: ['FROM debian:latest'], hadolint: true },
      { name: ':latest AS', lines: ['FROM debian:latest AS builder'], hadolint: true },
      { name: 'a tag', lines: ['FROM debian:jessie'], hadolint: false },
      { name: 'a digest', lines: ['FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb'], hadolint: false },
      { name: ':latest with a digest', lines: ['FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb'], hadolint: false },
      { name: 'a tag, AS', lines: ['FROM debian:jessie AS builder'], hadolint: false },
    ],
  },
];

test("hadolint's test cases: Shipshape agrees on each, except the differences it states", async () => {
  const wrong: string[] = [];
  let cases = 0;
  let differences = 0;
  for (const rule of RULES) {
    for (const c of rule.cases) {
      cases++;
      const found = (await lint(c.lines.join('\n') + '\n')).filter((f) => rule.shipshape.includes(f.code));
      const expected = c.differs ? !c.hadolint : c.hadolint;
      if (c.differs) differences++;
      if (found.length > 0 !== expected) {
        wrong.push(`${rule.hadolint} "${c.name}": ${expected ? 'missed' : `false positive (${found.map((f) => `${f.code}: ${f.message}`).join('; ')})`}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(cases, 69);
  assert.equal(differences, 3);
});

test('the fixes those cases asked for, in detail', async () => {
  const codes = async (lines: string[], code: string) => (await lint(lines.join('\n') + '\n')).filter((f) => f.code === code);
  // --from a typo away from a stage: a warning with the fix (BuildKit would pull docker.io/library/biuld).
  const [typo] = await codes(['FROM golang:1.23 AS build', 'RUN go build -o /app', 'FROM alpine:3.20', 'COPY --from=biuld /app /app'], 'MisspelledStage');
  assert.match(String(typo.message), /"biuld" is no stage, so BuildKit pulls it as the image docker.io\/library\/biuld: did you mean stage build\?/);
  assert.deepEqual(
    (typo.data as { edits: { newText: string }[] }).edits.map((e) => e.newText),
    ['build'],
  );
  assert.deepEqual(await codes(['FROM golang:1.23 AS build', 'FROM alpine:3.20', 'COPY --from=busybox:1.36 /bin/busybox /bin/', 'COPY --from=nginx /etc/nginx /etc/nginx'], 'MisspelledStage'), []);
  // The SHELL of the stage a stage is built FROM is inherited.
  assert.deepEqual(await codes(['FROM mcr.microsoft.com/powershell AS base', 'SHELL ["pwsh", "-c"]', 'FROM base', 'RUN Get-ChildItem | Select-Object Name'], 'PipeWithoutPipefail'), []);
  // apt and aptitude too, each with its own way to turn recommends off.
  const recommends = async (run: string) => (await codes(['FROM debian:12', `RUN ${run}`], 'AptGetNoInstallRecommends')).map((f) => f.message);
  assert.deepEqual(await recommends('apt install -y curl'), ['apt install without --no-install-recommends']);
  assert.deepEqual(await recommends('aptitude install -y curl'), ['aptitude install without --without-recommends']);
  assert.deepEqual(await recommends('DEBIAN_FRONTEND=noninteractive apt-get install -y curl'), ['apt-get install without --no-install-recommends']);
  for (const off of [
    'aptitude install -R curl',
    'aptitude install --without-recommends curl',
    'apt install --no-install-recommends curl',
    'apt-get install -oAPT::Install-Recommends=0 curl',
    'apt-get --option=APT::Install-Recommends=false install curl',
  ])
    assert.deepEqual(await recommends(off), [], off);
  assert.equal((await codes(['FROM debian:12', 'RUN aptitude update && aptitude install -y -R curl'], 'AptGetListsNotCleaned')).length, 1);
  // LastUserRoot names the stage the root user comes from.
  const [root] = await codes(['FROM debian:12 AS base', 'USER root', 'FROM base AS mid', 'RUN make', 'FROM mid'], 'LastUserRoot');
  assert.match(String(root.message), /The last USER of the final image is root \(inherited from stage base\)/);
  assert.equal(root.range.start.line, 1);
  assert.deepEqual(await codes(['FROM debian:12 AS base', 'USER root', 'FROM base AS mid', 'USER app', 'FROM mid'], 'LastUserRoot'), []);
});
