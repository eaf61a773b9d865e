/**
 * Random Dockerfiles for the BuildKit agreement test: a seeded generator that mixes the constructs the build
 * checks look at (casing, ARG/ENV scoping across stages, FROM variables and --platform, EXPOSE forms, WORKDIR,
 * shell vs exec form, SHELL, legacy key/value, MAINTAINER, empty continuations, check directives, heredocs).
 */
export function generatedDockerfiles(count: number, seed = 1): string[] {
  let state = seed >>> 0;
  const rand = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const kw = (k: string, mode: string) => (mode === 'upper' ? k : mode === 'lower' ? k.toLowerCase() : chance(0.2) ? k[0] + k.slice(1).toLowerCase() : k);
  const VARS = ['A', 'B', 'VERSION', 'TARGETARCH', 'BUILDPLATFORM', 'TARGETPLATFORM', 'HOME', 'PATH', 'APP_DIR', 'api_token', 'GOPATH', 'NODE_VERSION', 'X1'];
  /** Variables for words BuildKit validates after expansion (ports, signals): no image ENV, whose values we do not know. */
  const PLAIN = VARS.filter((v) => !['GOPATH', 'NODE_VERSION', 'PATH', 'HOME'].includes(v));
  const ref = (vars: readonly string[] = VARS) => {
    const v = pick(vars);
    return pick([`$${v}`, `\${${v}}`, `\${${v}:-d}`, `\${${v}:+x}`, `'$${v}'`, `"$${v}"`, `\\$${v}`]);
  };
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const mode = pick(['upper', 'upper', 'lower', 'mixed']);
    const lines: string[] = [];
    if (chance(0.25))
      lines.push(pick(['# check=skip=UndefinedVar', '# check=skip=all', '# check=experimental=InvalidDefinitionDescription', '# syntax=docker/dockerfile:1', '# check=error=true', '# check=skip=JSONArgsRecommended;error=true']));
    const globals: string[] = [];
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      const v = pick(VARS);
      globals.push(v);
      lines.push(`${kw('ARG', mode)} ${v}${chance(0.6) ? '=' + pick(['1.0', 'alpine', '3.20', '', ref()]) : ''}`);
    }
    const stages: string[] = [];
    for (let s = 0, count = 1 + Math.floor(rand() * 3); s < count; s++) {
      const base = stages.length && chance(0.4) ? pick(stages) : pick(['alpine:3.20', 'golang:1.22', 'node:20', 'python:3.12', 'busybox', `alpine:${ref()}`, `${ref()}`, 'scratch']);
      const platform = chance(0.25) ? `--platform=${pick(['linux/amd64', '$BUILDPLATFORM', '$TARGETPLATFORM', '${TARGETPLATFORM}', 'linux/arm64'])} ` : '';
      const name = chance(0.7) ? pick(['build', 'Build', 'base', 'final', 'scratch', 'build-amd64', `s${s}`]) : '';
      if (name && chance(0.15)) lines.push(pick([`# ${name.toLowerCase()} is a stage`, '# a comment', `# ${name} stage`]));
      lines.push(`${kw('FROM', mode)} ${platform}${base}${name ? ` ${pick(mode === 'lower' ? ['as', 'AS'] : ['AS', 'AS', 'as'])} ${name}` : ''}`);
      if (name) stages.push(name.toLowerCase());
      for (let i = 0, m = 2 + Math.floor(rand() * 8); i < m; i++) {
        // A check= comment right above an instruction applies to that instruction only.
        if (chance(0.08)) lines.push(pick(['# check=skip=UndefinedVar', '# check=skip=LegacyKeyValueFormat,JSONArgsRecommended', '# check=skip=all']));
        switch (Math.floor(rand() * 24)) {
          case 0:
            lines.push(`${kw('ARG', mode)} ${pick(VARS)}${chance(0.5) ? '=' + ref() : ''}`);
            break;
          case 1:
            lines.push(`${kw('ENV', mode)} ${pick(VARS)}=${ref()}${chance(0.4) ? ` ${pick(VARS)}=${ref()}` : ''}`);
            break;
          case 2:
            lines.push(`${kw('ENV', mode)} ${pick(VARS)} ${pick(['value', ref(), 'two words'])}`);
            break;
          case 3:
            lines.push(`${kw('COPY', mode)} ${chance(0.3) && stages.length ? `--from=${pick(stages)} ` : ''}${chance(0.2) ? `--chown=${ref()} ` : ''}src/${ref()} /dst/`);
            break;
          case 4:
            lines.push(`${kw('WORKDIR', mode)} ${pick(['/app', 'app', ref(), `${ref()}/sub`, './rel'])}`);
            break;
          case 5:
            lines.push(`${kw('EXPOSE', mode)} ${pick(['80', '80/TCP', '8080/udp', '127.0.0.1:80:80', '80:8080', '3000-3005'])}`);
            break;
          case 6:
            lines.push(`${kw(pick(['CMD', 'ENTRYPOINT']), mode)} ${pick(['["a", "b"]', 'run it', `echo ${ref()}`])}`);
            break;
          case 7:
            lines.push(`${kw('SHELL', mode)} ["/bin/bash", "-c"]`);
            break;
          case 8:
            lines.push(`${kw('LABEL', mode)} ${pick(['a=b', 'maintainer me', `version=${ref()}`])}`);
            break;
          case 9:
            lines.push(`${kw('RUN', mode)} echo ${ref()} \\`, ...(chance(0.3) ? [''] : []), `    && true`);
            break;
          case 10:
            lines.push(`${kw('USER', mode)} ${pick(['app', ref(), '1000:1000'])}`);
            break;
          case 11:
            lines.push(`${kw('COPY', mode)} <<EOF /etc/x`, `v=${ref()}`, 'EOF');
            break;
          case 12:
            lines.push(`${kw('HEALTHCHECK', mode)} ${pick(['CMD true', 'NONE', '--interval=30s CMD ["true"]'])}`);
            break;
          case 13:
            if (chance(0.3)) lines.push(`${kw('MAINTAINER', mode)} me`);
            else lines.push(`${kw('VOLUME', mode)} /data${chance(0.5) ? ref() : ''}`);
            break;
          case 14:
            lines.push(`${kw('ARG', mode)} ${pick(VARS)}="${pick(['a b', ref(), ''])}" ${pick(VARS)}`);
            break;
          case 15:
            lines.push(`${kw('ONBUILD', mode)} ${pick(['RUN echo $X1', 'COPY . /x', `ENV A=${ref()}`])}`);
            break;
          case 16:
            lines.push(`${kw('ENV', mode)} ${pick(VARS)}=one \\ `, '  # comment inside', `\t${pick(VARS)}=${ref()}`);
            break;
          case 17:
            lines.push(`${kw('RUN', mode)} ${pick(['--mount=type=cache,target=/root/.cache', `--mount=type=secret,id=${ref()}`, '--network=none', '--mount=type=bind,from=base,target=/b'])} true`);
            break;
          case 18:
            lines.push(`${kw('ADD', mode)} ${pick(['app.tar.gz', 'https://example.com/x', `src/${ref()}`, '--chmod=755 run.sh'])} /opt/`);
            break;
          case 19:
            lines.push(`${kw('EXPOSE', mode)} ${ref(PLAIN)} ${pick(['443', '53/UDP'])}`);
            break;
          case 20:
            lines.push(`${kw('STOPSIGNAL', mode)} ${pick(['SIGTERM', 'SIGKILL', '9', ref(PLAIN)])}`);
            break;
          case 21:
            lines.push(`${kw('CMD', mode)} ${pick(["['single', 'quotes']", '[ "spaced" ]', '["a",', '[]'])}`);
            break;
          case 22:
            lines.push(`${kw('RUN', mode)} <<${pick(['EOT', '"EOT"', "'EOT'", '-EOT'])}`, `echo ${ref()}`, '\tEOT', 'EOT');
            break;
          case 23:
            lines.push(`${kw('LABEL', mode)} "${pick(['k', 'org.a'])}"="${pick(['v 1', ref()])}" b=${ref()}`);
            break;
        }
      }
    }
    // Some files come with Windows line endings, some with trailing blanks after a continuation.
    const eol = chance(0.15) ? '\r\n' : '\n';
    files.push(lines.map((l) => (l.endsWith('\\') && chance(0.2) ? l + ' \t' : l)).join(eol) + eol);
  }
  return files;
}
