// OpenSSH's host-key check for Docker over SSH (ssh://user@host): the key the server offers must be
// listed for that host in ~/.ssh/known_hosts (or /etc/ssh/ssh_known_hosts), as `ssh` itself insists
// with StrictHostKeyChecking. Plain and hashed (`|1|salt|hmac`) host names, `[host]:port`, patterns with
// `*`, `?` and `!`, and `@revoked` lines are understood; `@cert-authority` lines are not trusted here.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface KnownHost {
  marker?: 'revoked' | 'cert-authority';
  hosts: string;
  keyType: string;
  /** The key blob, base64 as written. */
  key: string;
}

export function parseKnownHosts(text: string): KnownHost[] {
  const out: KnownHost[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/[ \t]+/);
    const marker = fields[0] === '@revoked' ? 'revoked' : fields[0] === '@cert-authority' ? 'cert-authority' : undefined;
    if (marker) fields.shift();
    if (fields.length < 3) continue;
    out.push({ marker, hosts: fields[0]!, keyType: fields[1]!, key: fields[2]! });
  }
  return out;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostEntryName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  // Linear: one pass with a single backtrack point for the last `*`.
  let p = 0,
    n = 0,
    star = -1,
    mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether a known_hosts host field names `entry` (one of its comma-separated patterns, none negated). */
export function hostsMatch(hosts: string, entry: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return false;
    const mac = crypto.createHmac('sha1', Buffer.from(salt, 'base64')).update(entry).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const pattern of hosts.split(',')) {
    const negated = pattern.startsWith('!');
    if (globMatch((negated ? pattern.slice(1) : pattern).toLowerCase(), entry.toLowerCase())) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export type HostKeyVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'changed' | 'revoked'; message: string };

/** The verdict on `key` (the raw blob the server sent) for host:port, from known_hosts files' text. */
export function checkHostKey(files: readonly { file: string; text: string }[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const entry = hostEntryName(host, port);
  const offered = key.toString('base64');
  let listed = false;
  for (const { file, text } of files) {
    for (const k of parseKnownHosts(text)) {
      if (!hostsMatch(k.hosts, entry)) continue;
      if (k.marker === 'revoked' && k.key === offered) return { ok: false, reason: 'revoked', message: `The SSH host key of ${entry} is marked @revoked in ${file}.` };
      if (k.marker) continue;
      if (k.key === offered) return { ok: true };
      listed = true;
    }
  }
  const fingerprint = `SHA256:${crypto.createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
  if (listed) {
    return {
      ok: false,
      reason: 'changed',
      message: `The SSH host key of ${entry} (${fingerprint}) does not match the one in known_hosts: someone may be intercepting the connection, or the host was reinstalled. Check with its administrator, then update known_hosts (ssh-keygen -R ${entry}).`,
    };
  }
  return {
    ok: false,
    reason: 'unknown',
    message: `The SSH host key of ${entry} (${fingerprint}) is not in ${files.map((f) => f.file).join(' or ') || '~/.ssh/known_hosts'}. Connect once with ssh${port === 22 ? '' : ` -p ${port}`} ${host} to verify and record it, then try again.`,
  };
}

/** The user's and the system's known_hosts files that exist, read now (each connection reads them again). */
export function readKnownHosts(home = os.homedir(), extra: readonly string[] = []): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of [path.join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts', ...extra]) {
    try {
      const st = fs.statSync(file);
      if (st.isFile() && st.size < 16 * 1024 * 1024) out.push({ file, text: fs.readFileSync(file, 'utf8') });
    } catch {
      /* absent */
    }
  }
  return out;
}
