import { minorOf } from '../schema/store';

/**
 * IP and CIDR syntax of kube-apiserver's "legacy" fields (hostAliases, nameservers, clusterIP, ipBlock,
 * loadBalancerSourceRanges: apimachinery util/validation/ip.go). Until 1.35 (feature StrictIPCIDRValidation
 * off) they are parsed sloppily: IPv4 octets may carry leading zeros, IPv4-mapped IPv6 is fine and a CIDR
 * may have bits set beyond its prefix. From 1.36 (on by default) each of those is an error.
 */
export function strictIPs(version: string): boolean {
  return minorOf(version) >= 36;
}

const V4_SLOPPY = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/;

/** The four octets of an IPv4 address read like Go's legacy parser (decimal, leading zeros ignored). */
function v4Octets(text: string): number[] | undefined {
  const m = V4_SLOPPY.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail), or undefined. */
function v6Groups(text: string): number[] | undefined {
  if (!text.includes(':') || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = v4Octets(piece);
        if (!v4) return undefined;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

const leadingZero = (text: string) => text.split('.').some((o) => o.length > 1 && o.startsWith('0'));
const mapped = (groups: number[]) => groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;

/** What is wrong with an IP address for the target ('must be a valid IP address…'), or undefined. */
export function ipProblem(text: string, strict: boolean): string | undefined {
  const v4 = v4Octets(text);
  const v6 = v4 ? undefined : v6Groups(text);
  if (!v4 && !v6) return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  if (!strict) return undefined;
  const dotted = v4 ? text : text.slice(text.lastIndexOf(':') + 1);
  if (dotted.includes('.') && leadingZero(dotted)) return 'must not have leading 0s';
  if (v6 && mapped(v6)) return 'must not be an IPv4-mapped IPv6 address';
  return undefined;
}

/** What is wrong with a CIDR for the target, or undefined. */
export function cidrProblem(text: string, strict: boolean): string | undefined {
  const slash = text.indexOf('/');
  const ip = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const v4 = v4Octets(ip);
  const v6 = v4 ? undefined : v6Groups(ip);
  const bits = v4 ? 32 : 128;
  if (slash < 0 || (!v4 && !v6) || !/^\d+$/.test(prefixText) || Number(prefixText) > bits) return 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  if (!strict) return undefined;
  if ((prefixText.length > 1 && prefixText.startsWith('0')) || ipProblem(ip, true) === 'must not have leading 0s') return 'must not have leading 0s in IP or prefix length';
  if (v6 && mapped(v6)) return 'must not have an IPv4-mapped IPv6 address';
  // Host bits: every bit after the prefix must be zero.
  const words = v4 ? v4 : v6!;
  const width = v4 ? 8 : 16;
  const prefix = Number(prefixText);
  const hostBits = words.some((word, i) => {
    const start = i * width;
    if (start + width <= prefix) return false;
    const keep = Math.max(0, prefix - start);
    return (word & ((1 << (width - keep)) - 1)) !== 0;
  });
  return hostBits ? 'must not have bits set beyond the prefix length' : undefined;
}

/** Whether text reads as an IP address at all (Go's sloppy parser: an Ingress host may not be one). */
export function isIP(text: string): boolean {
  return ipProblem(text, false) === undefined;
}
