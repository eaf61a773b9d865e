// What the Docker explorer's Swarm section shows, loaded from a swarm manager through the engine API and
// shaped without `vscode` (the live tests and the benchmark walk it as the tree does): nodes, stacks (the
// com.docker.stack.namespace label `docker stack deploy` sets), services with their running/desired counts
// (the API's ServiceStatus, as `docker service ls`), tasks per service, secrets and configs (names and
// metadata only: a config's data and anything of a secret's are never read into the tree), swarm networks.
import type Docker from 'dockerode';

export const STACK_LABEL = 'com.docker.stack.namespace';

export type SwarmRole = 'manager' | 'worker' | 'inactive' | 'pending' | 'error' | 'locked';

export interface SwarmInfo {
  /** manager: this engine can answer swarm questions; worker: in a swarm, not a manager */
  role: SwarmRole;
  nodeId?: string;
  error?: string;
}

export interface SwarmNodeItem {
  id: string;
  hostname: string;
  role: string;
  availability: string;
  state: string;
  engineVersion: string;
  leader: boolean;
  addr?: string;
  version: number;
}

export interface ServiceItem {
  id: string;
  name: string;
  stack?: string;
  mode: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  running: number;
  desired: number;
  image: string;
  ports: string[];
  /** UpdateStatus: "updating", "rollback_completed", … with its message */
  update?: { state: string; message?: string };
  version: number;
}

export interface TaskItem {
  id: string;
  serviceId: string;
  slot?: number;
  node?: string;
  state: string;
  desiredState: string;
  error?: string;
  message?: string;
  containerId?: string;
  updatedAt: string;
}

export interface SwarmObjectItem {
  kind: 'secret' | 'config';
  id: string;
  name: string;
  stack?: string;
  createdAt?: string;
  updatedAt?: string;
  labels: Record<string, string>;
  driver?: string;
}

export interface SwarmNetworkItem {
  id: string;
  name: string;
  driver: string;
  stack?: string;
  ingress: boolean;
  attachable: boolean;
}

export async function loadSwarmInfo(docker: Docker): Promise<SwarmInfo> {
  const info = (await docker.info()) as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string; Error?: string } };
  const s = info.Swarm ?? {};
  const state = s.LocalNodeState ?? 'inactive';
  if (state === 'active') return { role: s.ControlAvailable ? 'manager' : 'worker', nodeId: s.NodeID };
  return { role: (['pending', 'error', 'locked'].includes(state) ? state : 'inactive') as SwarmRole, error: s.Error || undefined };
}

/** One line for why swarm work cannot be done on this engine, or undefined on a manager. */
export function notManagerReason(info: SwarmInfo, host: string): string | undefined {
  if (info.role === 'manager') return undefined;
  if (info.role === 'worker') return `The engine at ${host} is a swarm worker, not a manager: stacks and services are managed on a manager node (point DOCKER_HOST or a context at one).`;
  if (info.role === 'locked') return `The swarm manager at ${host} is locked: unlock it with \`docker swarm unlock\` first.`;
  return `The engine at ${host} is not part of a swarm (state ${info.role}${info.error ? `: ${info.error}` : ''}): \`docker swarm init\` makes it a one-node swarm manager.`;
}

/**
 * notManagerReason with the engine's own refusal in its words (what `docker stack deploy` prints there):
 * asked for its services, a non-manager answers 503 with why.
 */
export async function managerProblem(docker: Docker, host: string): Promise<string | undefined> {
  const reason = notManagerReason(await loadSwarmInfo(docker), host);
  if (!reason) return undefined;
  const said = await docker.listServices().then(
    () => undefined,
    (err: { json?: { message?: string }; message?: string }) => (err.json?.message ?? err.message ?? '').trim(),
  );
  return said ? `${reason} The engine says: "${said}"` : reason;
}

interface ApiService {
  ID: string;
  Version?: { Index?: number };
  Spec: {
    Name?: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: { TotalCompletions?: number }; GlobalJob?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
  };
  Endpoint?: { Ports?: Array<{ PublishedPort?: number; TargetPort?: number; Protocol?: string; PublishMode?: string }> };
  UpdateStatus?: { State?: string; Message?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number };
}

/** The image without the digest `docker stack deploy` pins (`busybox:1@sha256:…` → `busybox:1`), as `docker service ls` shows it. */
export function shortImage(image: string): string {
  return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}

export function toServiceItem(s: ApiService): ServiceItem {
  const m = s.Spec.Mode ?? {};
  const mode: ServiceItem['mode'] = m.Global ? 'global' : m.ReplicatedJob ? 'replicated-job' : m.GlobalJob ? 'global-job' : 'replicated';
  const st = s.ServiceStatus ?? {};
  const desired = mode === 'replicated' ? (m.Replicated?.Replicas ?? 1) : (st.DesiredTasks ?? 0);
  return {
    id: s.ID,
    name: s.Spec.Name ?? s.ID,
    stack: s.Spec.Labels?.[STACK_LABEL],
    mode,
    running: mode.endsWith('job') ? (st.CompletedTasks ?? 0) : (st.RunningTasks ?? 0),
    desired,
    image: shortImage(s.Spec.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ports: (s.Endpoint?.Ports ?? []).map((p) => `${p.PublishedPort ?? ''}:${p.TargetPort}/${p.Protocol ?? 'tcp'}${p.PublishMode === 'host' ? ' (host)' : ''}`),
    update: s.UpdateStatus?.State ? { state: s.UpdateStatus.State, message: s.UpdateStatus.Message || undefined } : undefined,
    version: s.Version?.Index ?? 0,
  };
}

export async function loadServices(docker: Docker, stack?: string): Promise<ServiceItem[]> {
  // status=true: the manager counts running and desired tasks itself (API 1.41+), one call for all services.
  const filters = stack ? { label: [`${STACK_LABEL}=${stack}`] } : undefined;
  const list = (await docker.listServices({ status: true, ...(filters ? { filters } : {}) } as Docker.ServiceListOptions)) as unknown as ApiService[];
  return list.map(toServiceItem).sort((a, b) => a.name.localeCompare(b.name));
}

export interface StackItem {
  name: string;
  services: number;
  running: number;
  desired: number;
}

/** Stacks as `docker stack ls` finds them: the namespace label of services. */
export function groupStacks(services: ServiceItem[]): StackItem[] {
  const stacks = new Map<string, StackItem>();
  for (const s of services) {
    if (!s.stack) continue;
    const st = stacks.get(s.stack) ?? { name: s.stack, services: 0, running: 0, desired: 0 };
    st.services++;
    st.running += s.running;
    st.desired += s.desired;
    stacks.set(s.stack, st);
  }
  return [...stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
}

interface ApiNode {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Role?: string; Availability?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean };
}

export async function loadNodes(docker: Docker): Promise<SwarmNodeItem[]> {
  const list = (await docker.listNodes()) as unknown as ApiNode[];
  return list
    .map((n) => ({
      id: n.ID,
      hostname: n.Description?.Hostname ?? n.ID.slice(0, 12),
      role: n.Spec?.Role ?? '?',
      availability: n.Spec?.Availability ?? '?',
      state: n.Status?.State ?? '?',
      engineVersion: n.Description?.Engine?.EngineVersion ?? '?',
      leader: !!n.ManagerStatus?.Leader,
      addr: n.Status?.Addr,
      version: n.Version?.Index ?? 0,
    }))
    .sort((a, b) => a.hostname.localeCompare(b.hostname));
}

interface ApiTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: { State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

/** A service's tasks, newest first within a slot, as `docker service ps` lists them; `nodes` names the node IDs. */
export async function loadTasks(docker: Docker, serviceId: string, nodes?: Map<string, string>): Promise<TaskItem[]> {
  const list = (await docker.listTasks({ filters: { service: [serviceId] } })) as unknown as ApiTask[];
  const names = nodes ?? new Map((await loadNodes(docker)).map((n) => [n.id, n.hostname]));
  return list
    .map((t) => ({
      id: t.ID,
      serviceId: t.ServiceID,
      slot: t.Slot || undefined,
      node: t.NodeID ? (names.get(t.NodeID) ?? t.NodeID.slice(0, 12)) : undefined,
      state: t.Status?.State ?? '?',
      desiredState: t.DesiredState ?? '?',
      error: t.Status?.Err || undefined,
      message: t.Status?.Message || undefined,
      containerId: t.Status?.ContainerStatus?.ContainerID || undefined,
      updatedAt: t.UpdatedAt ?? '',
    }))
    .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || (a.node ?? '').localeCompare(b.node ?? '') || b.updatedAt.localeCompare(a.updatedAt));
}

interface ApiSwarmObject {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string>; Driver?: { Name?: string } };
}

/** Only the metadata is copied out of the answer: a config's Spec.Data never reaches the tree. */
function toObjectItem(kind: 'secret' | 'config', o: ApiSwarmObject): SwarmObjectItem {
  const labels = { ...(o.Spec?.Labels ?? {}) };
  return { kind, id: o.ID, name: o.Spec?.Name ?? o.ID, stack: labels[STACK_LABEL], createdAt: o.CreatedAt, updatedAt: o.UpdatedAt, labels, driver: o.Spec?.Driver?.Name };
}

export async function loadSwarmObjects(docker: Docker, kind: 'secret' | 'config'): Promise<SwarmObjectItem[]> {
  const list = (kind === 'secret' ? await docker.listSecrets() : await docker.listConfigs()) as unknown as ApiSwarmObject[];
  return list.map((o) => toObjectItem(kind, o)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function loadSwarmNetworks(docker: Docker): Promise<SwarmNetworkItem[]> {
  const list = await docker.listNetworks({ filters: { scope: ['swarm'] } });
  return list.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver, stack: n.Labels?.[STACK_LABEL], ingress: !!(n as { Ingress?: boolean }).Ingress, attachable: !!n.Attachable })).sort((a, b) => a.name.localeCompare(b.name));
}
