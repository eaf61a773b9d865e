import { interpolate, type Lookup } from './interpolation';

export interface DotenvEntry {
  name: string;
  value: string;
  /** 0-based line of the definition in the file. */
  line: number;
}

/**
 * Parses a .env / env_file the way compose-go's dotenv package does for the common forms:
 * `KEY=value`, `export KEY=value`, single quotes (literal), double quotes (escapes, interpolation),
 * unquoted values with ` #` comments and interpolation of earlier keys and the environment.
 */
export function parseDotenv(text: string, outer: Lookup = () => undefined): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const own = new Map<string, string>();
  const lookup: Lookup = (name) => outer(name) ?? own.get(name);
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([\w.-]+)\s*(?:[=:]\s*(.*))?$/.exec(line);
    if (!match) continue;
    const name = match[1];
    let raw = match[2] ?? '';
    let value: string;
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1);
      value = close > 0 ? raw.slice(1, close) : raw.slice(1);
    } else if (raw.startsWith('"')) {
      // A double-quoted value may span lines.
      let body = raw.slice(1);
      while (!/(^|[^\\])"/.test(body) && index + 1 < lines.length) body += '\n' + lines[++index];
      const close = body.search(/(^|[^\\])"/);
      body = close >= 0 ? body.slice(0, close + (body[close] === '"' ? 0 : 1)) : body;
      body = body.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      value = interpolate(body, lookup).value;
    } else {
      raw = raw.replace(/\s+#.*$/, '').trim();
      value = interpolate(raw, lookup).value;
    }
    if (match[2] === undefined) {
      // `KEY` alone takes its value from the environment, if any.
      const fromEnv = outer(name);
      if (fromEnv === undefined) continue;
      value = fromEnv;
    }
    own.set(name, value);
    entries.push({ name, value, line: index });
  }
  return entries;
}
