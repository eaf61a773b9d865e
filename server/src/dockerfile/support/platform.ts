/** containerd's platforms.Parse, for the values people write in `--platform`. */
const OSES = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };
const ARCHES = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function parsePlatform(value: string): Platform | null {
  const parts = value.toLowerCase().split('/');
  if (!parts.every((p) => /^[a-z0-9_.-]+$/.test(p))) return null;
  const arch = (a: string) => ARCH_ALIASES[a] ?? a;
  if (parts.length === 1) {
    if (OSES.has(parts[0])) return { os: parts[0], architecture: 'amd64' };
    if (ARCHES.has(arch(parts[0]))) return { os: 'linux', architecture: arch(parts[0]) };
    return null;
  }
  if (parts.length > 3) return null;
  const [os, a, variant] = parts;
  return { os, architecture: arch(a), variant };
}
