import v313 from '../../../../schemas/stack/config_schema_v3.13.json';
import type { Json, JsonMap } from '../document';
import { isJsonMap } from '../document';
import type { SchemaNode } from '../schema/schema-index';
import since from './schema/since.generated.json';

/**
 * The schema `docker stack deploy` validates with: docker/cli v28.2.2's config_schema_v3.13.json (schemas/stack).
 * It has no descriptions and leaves most enums to the converter and the swarm manager, so completion and hover
 * read a copy annotated here with what those accept (each note says whose code decides it).
 */
const DURATION = 'A Go duration: `10s`, `1m30s`, `500ms`, `2h` (units ns, us, ms, s, m, h).';

export const STACK_SCHEMA: SchemaNode = annotate(structuredClone(v313) as unknown as SchemaNode);

export const STACK_VERSIONS: readonly string[] = since.versions;
export const NEWEST_STACK_VERSION = STACK_VERSIONS[STACK_VERSIONS.length - 1]!;

/**
 * The version docker/cli's schema.Version reads: `version` printed with Go's %v (so an unquoted `3.10` is the
 * float 3.1, version "3.1"); absent, "" or "3" mean the newest 3.x.
 */
export function stackVersion(model: JsonMap): string {
  const raw = model.version;
  if (raw === undefined) return NEWEST_STACK_VERSION;
  const text = raw === null ? '<nil>' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  return text === '' || text === '3' ? NEWEST_STACK_VERSION : text;
}

/** Properties the file uses that its declared version's schema does not have yet: [instance path, first version]. */
export function newerProperties(model: JsonMap, version: string): { path: (string | number)[]; since: string }[] {
  const declared = STACK_VERSIONS.indexOf(version);
  if (declared < 0 || declared === STACK_VERSIONS.length - 1) return [];
  const out: { path: (string | number)[]; since: string }[] = [];
  for (const [pattern, first] of Object.entries(since.since)) {
    if (STACK_VERSIONS.indexOf(first) <= declared) continue;
    const segments = pattern.split('.');
    const visit = (value: Json | undefined, i: number, at: (string | number)[]): void => {
      if (value === undefined) return;
      if (i === segments.length) {
        out.push({ path: at, since: first });
        return;
      }
      const segment = segments[i]!;
      if (segment === '[]') {
        if (Array.isArray(value)) value.forEach((item, index) => visit(item, i + 1, [...at, index]));
      } else if (!isJsonMap(value)) return;
      else if (segment === '*') for (const [key, child] of Object.entries(value)) !key.startsWith('x-') && visit(child, i + 1, [...at, key]);
      else if (Object.hasOwn(value, segment)) visit(value[segment], i + 1, [...at, segment]);
    };
    visit(model, 0, []);
  }
  // A property new in a version is reported, not each of its children that are as new.
  return out.filter((p) => !out.some((q) => q !== p && q.path.length < p.path.length && q.path.every((s, i) => s === p.path[i])));
}

function annotate(schema: SchemaNode): SchemaNode {
  const defs = schema.definitions as Record<string, SchemaNode>;
  const set = (node: SchemaNode | undefined, description: string, values?: string[]) => {
    if (!node) return;
    node.description = description;
    if (values && !node.enum) node.enum = values;
  };
  const deploy = defs.deployment!;
  const p = deploy.properties!;
  deploy.description = 'How the swarm runs the service: mode and replicas, placement, resources, restart, update and rollback. Read by `docker stack deploy`; `docker compose` reads only part of it.';
  set(p.mode, 'Service mode (docker/cli convertDeployMode): `replicated` (default, `replicas` tasks), `global` (one task per node), `replicated-job` and `global-job` (run to completion).', [
    'replicated',
    'global',
    'replicated-job',
    'global-job',
  ]);
  set(p.replicas, 'Number of tasks (modes `replicated` and `replicated-job` only; docker/cli refuses it with `global`). Default 1.');
  set(
    p.endpoint_mode,
    'Service discovery (moby daemon/cluster/convert): `vip` (default: one virtual IP, load-balanced) or `dnsrr` (DNS round-robin; the swarm manager refuses ports published in ingress mode with it: publish them with `mode: host`).',
    ['vip', 'dnsrr'],
  );
  set(p.labels, 'Labels on the service (not on its containers: use the service-level `labels` for those).');
  const placement = p.placement?.properties;
  if (p.placement) p.placement.description = 'Where tasks may run.';
  set(
    placement?.constraints,
    'Node constraints, all of which must hold (swarmkit manager/constraint): `KEY == VALUE` or `KEY != VALUE`, KEY one of `node.id`, `node.hostname`, `node.role` (manager|worker), `node.platform.os`, `node.platform.arch`, `node.labels.NAME`, `engine.labels.NAME`. Example: `node.role == manager`.',
  );
  set(placement?.preferences, 'Spread preferences, in order: `- spread: node.labels.zone` spreads tasks evenly over the values of that node label.');
  set(placement?.max_replicas_per_node, 'At most this many tasks of the service on one node (version 3.8+).');
  const resources = p.resources?.properties;
  if (p.resources) p.resources.description = 'CPU and memory limits and reservations of each task.';
  for (const [kind, text] of [
    ['limits', 'The most a task may use'],
    ['reservations', 'What the scheduler reserves for a task on its node'],
  ] as const) {
    const node = resources?.[kind];
    if (!node) continue;
    node.description = `${text}.`;
    set(node.properties?.cpus, `${text}, in CPUs, as a string: \`"0.5"\` (an unquoted 0.5 is a number, which the stack schema refuses). At least 0.001.`);
    set(node.properties?.memory, `${text}, in bytes with a unit: \`512M\`, \`1G\`. At least 4MiB (swarm manager).`);
  }
  set(resources?.limits?.properties?.pids, 'Largest number of processes in a task (version 3.13).');
  const restart = p.restart_policy?.properties;
  if (p.restart_policy) p.restart_policy.description = 'When the swarm restarts a task that exits (replaces the service-level `restart`, which `docker stack deploy` ignores).';
  set(restart?.condition, 'When to restart (moby daemon/cluster/convert): `none`, `on-failure` or `any` (default). Not `unless-stopped` or `always`: those are `restart:` values of docker compose.', ['none', 'on-failure', 'any']);
  set(restart?.delay, `Wait between restart attempts (default 5s). ${DURATION}`);
  set(restart?.max_attempts, 'Restarts before giving up (default: never give up).');
  set(restart?.window, `How long to wait before deciding a restart succeeded. ${DURATION}`);
  for (const [kind, what] of [
    ['update_config', 'an update'],
    ['rollback_config', 'a rollback'],
  ] as const) {
    const node = p[kind];
    if (!node) continue;
    node.description = `How ${what} of the service proceeds.`;
    const q = node.properties!;
    set(q.parallelism, `Tasks changed at once in ${what} (0: all at once; default 1).`);
    set(q.delay, `Wait between batches. ${DURATION}`);
    set(
      q.failure_action,
      `What happens when ${what} fails (moby daemon/cluster/convert): ${kind === 'update_config' ? '`pause` (default), `continue` or `rollback`' : '`pause` (default) or `continue`'}.`,
      kind === 'update_config' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'],
    );
    set(q.monitor, `How long after each task changes to watch it for failure. ${DURATION}`);
    set(q.max_failure_ratio, 'Failure rate tolerated, from 0 to 1 (swarm manager).');
    set(q.order, 'Order of operations: `stop-first` (default: the old task stops first) or `start-first` (the new one starts first, briefly overlapping).');
  }
  const network = defs.network?.properties;
  set(network?.driver, 'Network driver. Stacks create `overlay` networks by default; a swarm service can only attach to swarm-scoped networks (overlay, or an external one like `host`), so `bridge` is refused at deploy.', ['overlay']);
  set(network?.attachable, 'Standalone containers (`docker run --network`) may attach to this overlay network too.');
  set(network?.external, 'The network exists already (created with `docker network create -d overlay`); the stack neither creates nor removes it.');
  for (const kind of ['secret', 'config'] as const) {
    const props = defs[kind]?.properties;
    set(props?.file, `File whose content becomes the ${kind}, read by docker when the stack is deployed (relative to the stack file's folder).`);
    set(props?.external, `The ${kind} exists in the swarm already (\`docker ${kind} create\`); the stack does not create it.`);
    set(props?.name, `Name of the ${kind} in the swarm (default: STACK_NAME).`);
    set(props?.template_driver, `Expand Go templates in the ${kind} for each task (swarmkit): \`golang\`.`, ['golang']);
  }
  set(defs.secret?.properties?.driver, 'A secret store plugin that provides the secret (instead of file).');
  return schema;
}
