/**
 * Compose variable interpolation, following compose-go's template package: `$$` is a literal `$`,
 * `$VAR` and `${VAR}` substitute, `${VAR:-d}` / `${VAR-d}` default, `${VAR:?e}` / `${VAR?e}` require,
 * `${VAR:+r}` / `${VAR+r}` replace; defaults nest. `${` that is not a valid braced form is an error;
 * a `$` followed by anything else is kept as is.
 */
export type Lookup = (name: string) => string | undefined;

export interface VariableUse {
  name: string;
  /** Offsets of the whole `${...}` / `$VAR` in the input string. */
  start: number;
  end: number;
  /** The use has a default or replacement, so an unset variable is fine. */
  hasFallback: boolean;
  required?: { message: string };
}

export interface TemplateProblem {
  kind: 'invalid' | 'required';
  message: string;
  start: number;
  end: number;
  variable?: string;
}

export interface Interpolated {
  value: string;
  uses: VariableUse[];
  problems: TemplateProblem[];
}

const NAME = /[_a-z][_a-z0-9]*/iy;

export function interpolate(input: string, lookup: Lookup, base = 0): Interpolated {
  const result: Interpolated = { value: '', uses: [], problems: [] };
  if (!input.includes('$')) {
    result.value = input;
    return result;
  }
  let out = '';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const parsed = braced(input, i, lookup, base, result);
      if (!parsed) {
        // compose-go stops at the first invalid template: the rest is not interpolated.
        result.problems.push({
          kind: 'invalid',
          message: `Invalid interpolation: "${input.slice(i)}" is not \${VAR}, \${VAR:-default}, \${VAR:?error} or \${VAR:+replacement}; write $$ for a literal $.`,
          start: base + i,
          end: base + input.length,
        });
        out += input.slice(i);
        break;
      }
      out += parsed.value;
      i = parsed.end;
      continue;
    }
    NAME.lastIndex = i + 1;
    const named = NAME.exec(input);
    if (named) {
      const name = named[0];
      const value = lookup(name);
      result.uses.push({ name, start: base + i, end: base + i + 1 + name.length, hasFallback: false });
      out += value ?? '';
      i += 1 + name.length;
      continue;
    }
    out += '$';
    i++;
  }
  result.value = out;
  return result;
}

/** `${...}` at `start`; undefined when it is not a valid braced substitution. */
function braced(input: string, start: number, lookup: Lookup, base: number, result: Interpolated): { value: string; end: number } | undefined {
  NAME.lastIndex = start + 2;
  const named = NAME.exec(input);
  if (!named) return undefined;
  const name = named[0];
  let i = start + 2 + name.length;
  if (input[i] === '}') {
    result.uses.push({ name, start: base + start, end: base + i + 1, hasFallback: false });
    return { value: lookup(name) ?? '', end: i + 1 };
  }
  let colon = false;
  if (input[i] === ':') {
    colon = true;
    i++;
  }
  const op = input[i];
  if (op !== '-' && op !== '+' && op !== '?') return undefined;
  const close = closingBrace(input, i + 1);
  if (close < 0) return undefined;
  const argStart = i + 1;
  const arg = input.slice(argStart, close);
  const end = close + 1;
  const value = lookup(name);
  const set = colon ? value !== undefined && value !== '' : value !== undefined;
  const use: VariableUse = { name, start: base + start, end: base + end, hasFallback: op !== '?' };
  result.uses.push(use);
  const nested = () => {
    const inner = interpolate(arg, lookup, base + argStart);
    result.uses.push(...inner.uses);
    result.problems.push(...inner.problems);
    return inner.value;
  };
  if (op === '-') return { value: set ? value! : nested(), end };
  if (op === '+') return { value: set ? nested() : '', end };
  use.required = { message: arg };
  if (!set) {
    const reason = nested();
    result.problems.push({
      kind: 'required',
      variable: name,
      start: base + start,
      end: base + end,
      message: `Required variable ${name} is missing a value${reason ? `: ${reason}` : ''}.`,
    });
    return { value: '', end };
  }
  return { value: value!, end };
}

/** Index of the `}` closing a braced substitution whose argument starts at `from`, counting nested `${`. */
function closingBrace(input: string, from: number): number {
  let depth = 1;
  for (let i = from; i < input.length; i++) {
    if (input[i] === '$' && input[i + 1] === '{') {
      depth++;
      i++;
    } else if (input[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
