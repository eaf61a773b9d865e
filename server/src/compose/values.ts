/**
 * Parsers for the value syntaxes compose-go accepts, each returning an error message or undefined.
 * They follow the Go code Docker Compose runs: str2duration, docker/go-units RAMInBytes,
 * go-connections nat.ParsePortSpec and compose-go format.ParseVolume.
 */

const DURATION_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h', 'd', 'w']);
/** Go's time.ParseDuration units: what docker/cli's stack loader accepts (no d or w). */
export const GO_DURATION_UNITS: ReadonlySet<string> = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** xhit/go-str2duration: Go durations plus `d` and `w`, e.g. `1m30s`, `2d`, `0`. */
export function durationError(value: string, units: ReadonlySet<string> = DURATION_UNITS): string | undefined {
  if (value === '0' || value === '+0' || value === '-0') return undefined;
  let rest = value.replace(/^[-+]/, '');
  if (!rest) return `invalid duration "${value}"`;
  while (rest) {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]*)/.exec(rest);
    if (!match || (!match[1] && !match[2]) || match[0].length === 0) return `invalid duration "${value}"`;
    if (!match[3]) return `missing unit in duration "${value}" (use ${units === DURATION_UNITS ? 'ns, us, ms, s, m, h, d or w' : 'ns, us, ms, s, m or h'}, e.g. "30s")`;
    if (!units.has(match[3])) return `unknown unit "${match[3]}" in duration "${value}"`;
    rest = rest.slice(match[0].length);
  }
  return undefined;
}

/** docker/go-units RAMInBytes: `512m`, `1.5g`, `100kb`, `2GiB`, plain bytes. */
export function byteSizeError(value: string): string | undefined {
  if (/^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.test(value)) return undefined;
  return `invalid size "${value}" (use a number of bytes or a suffix b, k, m, g, t, p, e.g. "512m")`;
}

/** A CPU count: a non-negative decimal number. */
export function cpusError(value: string): string | undefined {
  return /^\d*\.?\d+$|^\d+\.$/.test(value.trim()) ? undefined : `invalid cpus "${value}" (use a number such as "0.5")`;
}

function portRange(text: string, what: string): [number, number] | string {
  if (!text) return `no ${what} specified`;
  const parts = text.split('-');
  if (parts.length > 2) return `invalid ${what} "${text}"`;
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (numbers.some((n) => Number.isNaN(n) || n > 65535)) return `invalid ${what} "${text}" (ports are 0–65535)`;
  const [start, end = start] = numbers;
  if (end < start) return `invalid range "${text}": end before start`;
  return [start, end];
}

export interface PortSpec {
  ip: string;
  published: string;
  target: string;
  protocol: string;
  /** Host port numbers published, for duplicate checks. */
  hostPorts: number[];
}

/** `[ip:][host[-range]:]container[-range][/protocol]` as nat.ParsePortSpec reads it. */
export function parsePort(spec: string): PortSpec | string {
  let rest = spec;
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(protocol.toLowerCase())) return `invalid protocol "${protocol}" (tcp, udp or sctp)`;
  }
  const parts = rest.split(':');
  const target = parts[parts.length - 1];
  let published = '';
  let ip = '';
  if (parts.length === 2) published = parts[0];
  else if (parts.length >= 3) {
    published = parts[parts.length - 2];
    ip = parts.slice(0, parts.length - 2).join(':');
  }
  const bare = ip.replace(/^\[(.*)\]$/, '$1');
  if (ip && !isIp(bare)) return `invalid IP address "${ip}"`;
  const container = portRange(target, 'container port');
  if (typeof container === 'string') return container;
  let hostPorts: number[] = [];
  if (published) {
    const host = portRange(published, 'host port');
    if (typeof host === 'string') return host;
    if (host[1] - host[0] !== container[1] - container[0] && container[1] !== container[0]) {
      return `the container range ${target} and host range ${published} differ in size`;
    }
    // A host range for a single container port is a pool, not ports all taken.
    hostPorts = container[0] === container[1] && host[0] !== host[1] ? [] : range(host[0], host[1]);
  }
  return { ip: bare, published, target, protocol: protocol.toLowerCase(), hostPorts };
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let p = start; p <= end && out.length < 65536; p++) out.push(p);
  return out;
}

export function isIp(text: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text)) return text.split('.').every((n) => Number(n) <= 255 && !(n.length > 1 && n.startsWith('0')));
  if (!text.includes(':')) return false;
  const [head, ...more] = text.split('::');
  if (more.length > 1) return false;
  const groups = [...(head ? head.split(':') : []), ...(more[0] ? more[0].split(':') : [])];
  const tail = groups[groups.length - 1];
  const v4 = tail?.includes('.');
  if (v4 && !isIp(tail)) return false;
  const hex = v4 ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return more.length ? count < 8 : count === 8;
}

export interface VolumeSpec {
  source: string;
  target: string;
  /** bind (source is a path), volume (named or anonymous). */
  type: 'bind' | 'volume';
}

/** compose-go format.ParseVolume: `[source:]target[:options]`. */
export function parseVolume(spec: string): VolumeSpec | string {
  if (spec.length === 0) return 'invalid empty volume spec';
  if (spec.length <= 2) return { source: '', target: spec, type: 'volume' };
  const fields: string[] = [];
  let buffer = '';
  let depth = 0;
  const chars = [...spec, '\0'];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '$' && chars[i + 1] === '{') {
      depth++;
      buffer += c;
      continue;
    }
    if (c === '}' && depth > 0) {
      depth--;
      buffer += c;
      continue;
    }
    if (c === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
      buffer += c;
      continue;
    }
    if ((c === ':' || c === '\0') && depth === 0) {
      if (!buffer) return `invalid spec: ${spec}: empty section between colons`;
      if (fields.length === 2 && c === ':') return `invalid spec: ${spec}: too many colons`;
      fields.push(buffer);
      buffer = '';
      continue;
    }
    buffer += c;
  }
  const [first, second] = fields;
  const source = fields.length === 1 ? '' : first;
  const target = fields.length === 1 ? first : second;
  return { source, target, type: isFilePath(source) ? 'bind' : 'volume' };
}

export function isFilePath(source: string): boolean {
  if (!source) return false;
  if ('./~'.includes(source[0])) return true;
  if (source.startsWith('\\\\')) return true;
  return /^\p{L}:/u.test(source);
}
