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
  'healthcheck.interval': ['30s', '10s', '1m'],
  'healthcheck.timeout': ['30s', '5s', '10s'],
  'healthcheck.start-period': ['0s', '5s', '30s'],
  'healthcheck.start-interval': ['5s', '1s'],
  'healthcheck.retries': ['3', '5'],
  'from.platform': ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x', 'linux/riscv64', 'windows/amd64', '$BUILDPLATFORM', '$TARGETPLATFORM'],
};

export const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
export const MOUNT_KEYS = ['type', 'target', 'source', 'from', 'readonly', 'rw', 'id', 'sharing', 'mode', 'uid', 'gid', 'required', 'env', 'size'];

/** Keys that make sense per mount type, for completion after `--mount=type=X,`. */
export const MOUNT_KEYS_BY_TYPE: Record<string, string[]> = {
  bind: ['target', 'source', 'from', 'rw'],
  cache: ['id', 'target', 'sharing', 'from', 'source', 'mode', 'uid', 'gid', 'readonly'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};

export const MOUNT_VALUES: Record<string, string[]> = { sharing: ['shared', 'private', 'locked'], required: ['true', 'false'], readonly: ['true', 'false'], rw: ['true', 'false'] };
