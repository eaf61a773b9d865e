/**
 * Path globs for settings that list files (`shipshape.swarm.stackFiles`): `*` and `?` within one path
 * segment, `**` across segments. A relative pattern matches the end of a path at a segment boundary
 * (`deploy/*.yml` matches `/work/app/deploy/prod.yml`), an absolute one the whole path.
 */
export function matchesAnyGlob(filePath: string, patterns: readonly string[]): boolean {
  if (!patterns.length || !filePath) return false;
  const normalized = filePath.replace(/\\/g, '/');
  return patterns.some((pattern) => globRegExp(pattern).test(normalized));
}

const compiled = new Map<string, RegExp>();

function globRegExp(pattern: string): RegExp {
  const known = compiled.get(pattern);
  if (known) return known;
  const glob = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is any number of whole segments; a trailing `**` anything.
      if (glob[i + 2] === '/') {
        source += '(?:[^/]+/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regexp = new RegExp(glob.startsWith('/') ? `^${source}$` : `(?:^|/)${source}$`);
  if (compiled.size > 100) compiled.clear();
  compiled.set(pattern, regexp);
  return regexp;
}
