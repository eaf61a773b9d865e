/**
 * Service attributes docker/cli's stack loader treats specially (cli/compose/types/types.go, v28.2.2), checked on
 * each service before the schema: forbidden ones fail the deploy ("Compose file contains unsupported options"),
 * unsupported and deprecated ones are dropped with a warning ("Ignoring unsupported options: …").
 */
export const FORBIDDEN_PROPERTIES: Readonly<Record<string, string>> = {
  extends: 'Support for `extends` is not implemented yet.',
  volume_driver: 'Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.',
  volumes_from: 'To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.',
  cpu_quota: 'Set resource limits using deploy.resources',
  cpu_shares: 'Set resource limits using deploy.resources',
  cpuset: 'Set resource limits using deploy.resources',
  mem_limit: 'Set resource limits using deploy.resources',
  memswap_limit: 'Set resource limits using deploy.resources',
};

/** Dropped by `docker stack deploy` with "Ignoring unsupported options"; what the swarm does instead. */
export const UNSUPPORTED_PROPERTIES: Readonly<Record<string, string>> = {
  build: 'the swarm pulls `image`; build and push it first',
  cgroupns_mode: "tasks get the engine's default cgroup namespace",
  cgroup_parent: "tasks get the engine's default cgroup parent",
  devices: 'tasks get no host devices',
  domainname: 'tasks get no domain name',
  external_links: 'use networks',
  ipc: 'tasks get the default IPC namespace',
  links: 'services on a network reach each other by name',
  mac_address: 'tasks get generated MAC addresses',
  network_mode: "tasks attach to the stack's networks",
  pid: 'tasks get their own PID namespace',
  privileged: 'tasks run unprivileged',
  restart: 'the swarm restarts tasks by deploy.restart_policy (default condition any)',
  security_opt: 'tasks get the default security options',
  shm_size: 'tasks get the default /dev/shm size (64M)',
  userns_mode: "tasks get the engine's default user namespace",
};

/** Dropped with "Ignoring deprecated options", docker/cli's reason. */
export const DEPRECATED_PROPERTIES: Readonly<Record<string, string>> = {
  container_name: 'Setting the container name is not supported.',
  expose: "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
};
