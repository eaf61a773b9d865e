/** The flags BuildKit's instruction parser accepts (instructions/parse.go, commands_run*.go). */
export type FlagType = 'bool' | 'string' | 'strings';

export const INSTRUCTION_FLAGS: Record<string, Record<string, FlagType>> = {
  add: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool', exclude: 'strings' },
  copy: { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' },
  from: { platform: 'string' },
  run: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  healthcheck: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
};

/** Values a flag takes, for completion and checks. */
export const FLAG_VALUES: Record<string, string[]> = {
  'run.network': ['default', 'none', 'host'],
  'run.security': ['sandbox', 'insecure'],
  'add.link': ['true', 'false'],
  'copy.link': ['true', 'false'],
  'copy.parents': ['true', 'false'],
  'add.keep-git-dir': ['true', 'false'],
  'add.unpack': ['true', 'false'],
  'from.platform': ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64', '$BUILDPLATFORM', '$TARGETPLATFORM'],
};

export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
export const MOUNT_KEYS = ['type', 'target', 'source', 'from', 'readonly', 'rw', 'id', 'sharing', 'mode', 'uid', 'gid', 'required', 'env', 'size'];
