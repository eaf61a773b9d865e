import type { Interpolated, Lookup, VariableUse } from '../interpolation';

/**
 * Variable substitution as `docker stack deploy` does it: docker/cli's cli/compose/template (v28.2.2), not
 * compose-go's. One regular expression: `$$`, `$NAME`, `${NAME}`, with `:-` `-` `:?` `?` and an argument
 * that runs to the first `}` (no nesting, no `:+`/`+`, and an unbraced `$NAME-x` takes `-x` as its default).
 * Any other `$` is an invalid template, and the whole string is the error. The values come from the
 * environment of the shell running docker only: the stack CLI reads no .env file.
 */
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)|\{([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)\}|())/giy;

export function interpolateStack(input: string, lookup: Lookup, base = 0): Interpolated {
  const result: Interpolated = { value: input, uses: [], problems: [] };
  if (!input.includes('$')) return result;
  let out = '';
  let last = 0;
  // Go's ReplaceAllStringFunc keeps one `err` that every substitution overwrites: only the last one counts.
  let error: { kind: 'invalid' | 'required'; message: string; variable?: string; start: number; end: number } | undefined;
  for (let i = input.indexOf('$'); i >= 0 && i < input.length; i = input.indexOf('$', i)) {
    PATTERN.lastIndex = i;
    const m = PATTERN.exec(input);
    if (!m) break;
    out += input.slice(last, i);
    const end = i + m[0].length;
    last = end;
    i = end;
    if (m[1]) {
      out += '$';
      continue;
    }
    const substitution = m[2] ?? m[3];
    if (!substitution) {
      error = {
        kind: 'invalid',
        start: base + m.index,
        end: base + input.length,
        message: `Invalid interpolation: "${input}" (docker stack deploy accepts $$, $VAR, \${VAR}, \${VAR:-default}, \${VAR-default}, \${VAR:?error} and \${VAR?error}; write $$ for a literal $).`,
      };
      continue;
    }
    const use = substitute(substitution, lookup);
    const placed: VariableUse = { name: use.name, start: base + m.index, end: base + end, hasFallback: use.fallback };
    if (use.required !== undefined) placed.required = { message: use.required };
    result.uses.push(placed);
    if (use.missing) {
      error = {
        kind: 'required',
        variable: use.name,
        start: base + m.index,
        end: base + end,
        message: `Required variable ${use.name} is missing a value: ${use.required ?? ''} (docker stack deploy reads the shell's environment only, no .env file).`,
      };
    } else error = undefined;
    out += use.value;
  }
  out += input.slice(last);
  result.value = out;
  if (error) result.problems.push(error);
  return result;
}

/** softDefault, hardDefault, requiredNonEmpty, required, in docker/cli's order; the first whose separator occurs wins. */
function substitute(substitution: string, lookup: Lookup): { name: string; value: string; fallback: boolean; required?: string; missing?: boolean } {
  const cut = (sep: string) => {
    const at = substitution.indexOf(sep);
    return at < 0 ? undefined : ([substitution.slice(0, at), substitution.slice(at + sep.length)] as const);
  };
  const soft = cut(':-');
  if (soft) {
    const value = lookup(soft[0]);
    return { name: soft[0], value: value === undefined || value === '' ? soft[1] : value, fallback: true };
  }
  const hard = cut('-');
  if (hard) {
    const value = lookup(hard[0]);
    return { name: hard[0], value: value ?? hard[1], fallback: true };
  }
  const nonEmpty = cut(':?');
  if (nonEmpty) {
    const value = lookup(nonEmpty[0]);
    return { name: nonEmpty[0], value: value ?? '', fallback: false, required: nonEmpty[1], missing: value === undefined || value === '' };
  }
  const required = cut('?');
  if (required) {
    const value = lookup(required[0]);
    return { name: required[0], value: value ?? '', fallback: false, required: required[1], missing: value === undefined };
  }
  return { name: substitution, value: lookup(substitution) ?? '', fallback: false };
}
