// The Swarm section of the Docker explorer as plain data: which rows a row has and how each one reads
// (label, description, tooltip, context value, icon). tree.ts turns rows into TreeItems; the live tests
// and the benchmark walk the same functions against a real swarm manager.
import type Docker from 'dockerode';
import { groupStacks, loadNodes, loadServices, loadSwarmNetworks, loadSwarmObjects, loadTasks, type ServiceItem, type SwarmNetworkItem, type SwarmNodeItem, type SwarmObjectItem, type TaskItem } from './swarm-model';

export type SwarmGroup = 'nodes' | 'stacks' | 'services' | 'secrets' | 'configs' | 'networks';

export type SwarmNode =
  | { kind: 'swarm' }
  | { kind: 'swarmGroup'; group: SwarmGroup }
  | { kind: 'stack'; name: string; services: number; running: number; desired: number }
  | { kind: 'service'; item: ServiceItem }
  | { kind: 'task'; item: TaskItem }
  | { kind: 'swarmNode'; item: SwarmNodeItem }
  | { kind: 'swarmObject'; item: SwarmObjectItem }
  | { kind: 'swarmNetwork'; item: SwarmNetworkItem };

export const SWARM_GROUPS: readonly SwarmGroup[] = ['nodes', 'stacks', 'services', 'secrets', 'configs', 'networks'];

export async function swarmChildren(docker: Docker, node: SwarmNode): Promise<SwarmNode[]> {
  switch (node.kind) {
    case 'swarm':
      return SWARM_GROUPS.map((group) => ({ kind: 'swarmGroup', group }));
    case 'swarmGroup':
      switch (node.group) {
        case 'nodes':
          return (await loadNodes(docker)).map((item) => ({ kind: 'swarmNode', item }));
        case 'stacks':
          return groupStacks(await loadServices(docker)).map((s) => ({ kind: 'stack', ...s }));
        case 'services':
          // services no stack owns (`docker service create`); a stack's are under the stack
          return (await loadServices(docker)).filter((s) => !s.stack).map((item) => ({ kind: 'service', item }));
        case 'secrets':
        case 'configs':
          return (await loadSwarmObjects(docker, node.group === 'secrets' ? 'secret' : 'config')).map((item) => ({ kind: 'swarmObject', item }));
        case 'networks':
          return (await loadSwarmNetworks(docker)).map((item) => ({ kind: 'swarmNetwork', item }));
      }
      return [];
    case 'stack':
      return (await loadServices(docker, node.name)).map((item) => ({ kind: 'service', item }));
    case 'service':
      return (await loadTasks(docker, node.item.id)).map((item) => ({ kind: 'task', item }));
    default:
      return [];
  }
}

export interface SwarmRow {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  icon: string;
  /** a theme color for the icon: running (green), failing (red) */
  tone?: 'ok' | 'bad';
  collapsed: boolean;
  id: string;
}

const GROUP_LABELS: Record<SwarmGroup, string> = { nodes: 'Nodes', stacks: 'Stacks', services: 'Services (no stack)', secrets: 'Secrets', configs: 'Configs', networks: 'Networks' };
const GROUP_ICONS: Record<SwarmGroup, string> = { nodes: 'server', stacks: 'layers', services: 'symbol-method', secrets: 'lock', configs: 'file-code', networks: 'globe' };

/** A service's name inside its stack reads without the stack's prefix (`web`, not `shop_web`). */
function serviceLabel(s: ServiceItem): string {
  return s.stack && s.name.startsWith(`${s.stack}_`) ? s.name.slice(s.stack.length + 1) : s.name;
}

export function swarmRow(node: SwarmNode): SwarmRow {
  switch (node.kind) {
    case 'swarm':
      return { id: 'cat:swarm', label: 'Swarm', contextValue: 'category.swarm', icon: 'organization', collapsed: true };
    case 'swarmGroup':
      return { id: `swarm:${node.group}`, label: GROUP_LABELS[node.group], contextValue: `swarm.${node.group}`, icon: GROUP_ICONS[node.group], collapsed: true };
    case 'stack':
      return {
        id: `stack:${node.name}`,
        label: node.name,
        description: `${node.services} service${node.services === 1 ? '' : 's'} · ${node.running}/${node.desired} running`,
        contextValue: 'swarm.stack',
        icon: 'layers',
        tone: node.running >= node.desired ? 'ok' : undefined,
        collapsed: true,
      };
    case 'service': {
      const s = node.item;
      const update = s.update ? ` · update ${s.update.state}` : '';
      return {
        id: `service:${s.id}`,
        label: serviceLabel(s),
        description: `${s.mode} ${s.running}/${s.desired} · ${s.image}${s.ports.length ? ` · ${s.ports.join(', ')}` : ''}${update}`,
        tooltip: [
          s.name,
          s.id.slice(0, 12),
          `${s.mode}, ${s.running}/${s.desired} ${s.mode.endsWith('job') ? 'completed' : 'running'}`,
          s.image,
          ...s.ports,
          s.update ? `update ${s.update.state}${s.update.message ? `: ${s.update.message}` : ''}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        contextValue: s.mode === 'replicated' || s.mode === 'replicated-job' ? 'swarm.service.scalable' : 'swarm.service',
        icon: 'symbol-method',
        tone: /paused|rollback_paused/.test(s.update?.state ?? '') ? 'bad' : s.running >= s.desired && s.desired > 0 ? 'ok' : undefined,
        collapsed: true,
      };
    }
    case 'task': {
      const t = node.item;
      const failed = t.state === 'failed' || t.state === 'rejected';
      return {
        id: `task:${t.id}`,
        label: `${t.slot ? `#${t.slot}` : t.id.slice(0, 12)} ${t.state}`,
        description: `${t.node ?? 'unassigned'}${t.desiredState !== t.state ? ` · desired ${t.desiredState}` : ''}${t.error ? ` · ${t.error}` : ''}`,
        tooltip: [`task ${t.id}`, t.node ? `node ${t.node}` : '', `state ${t.state} (desired ${t.desiredState})`, t.message ?? '', t.error ? `error: ${t.error}` : '', t.containerId ? `container ${t.containerId.slice(0, 12)}` : '']
          .filter(Boolean)
          .join('\n'),
        contextValue: 'swarm.task',
        icon: t.state === 'running' ? 'vm-running' : failed ? 'error' : 'vm-outline',
        tone: t.state === 'running' ? 'ok' : failed ? 'bad' : undefined,
        collapsed: false,
      };
    }
    case 'swarmNode': {
      const n = node.item;
      return {
        id: `node:${n.id}`,
        label: n.hostname,
        description: `${n.role}${n.leader ? ' (leader)' : ''} · ${n.availability} · ${n.state} · engine ${n.engineVersion}`,
        tooltip: `${n.id}\n${n.addr ?? ''}`,
        contextValue: `swarm.node.${n.availability}`,
        icon: 'server',
        tone: n.state === 'ready' && n.availability === 'active' ? 'ok' : n.state === 'down' ? 'bad' : undefined,
        collapsed: false,
      };
    }
    case 'swarmObject': {
      const o = node.item;
      return {
        id: `${o.kind}:${o.id}`,
        label: o.name,
        description: [o.stack ? `stack ${o.stack}` : '', o.driver ? `driver ${o.driver}` : '', o.updatedAt ? `updated ${o.updatedAt.slice(0, 19).replace('T', ' ')}` : ''].filter(Boolean).join(' · '),
        tooltip: `${o.kind} ${o.id}${
          Object.keys(o.labels).length
            ? `\n${Object.entries(o.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join('\n')}`
            : ''
        }`,
        contextValue: `swarm.${o.kind}`,
        icon: o.kind === 'secret' ? 'lock' : 'file-code',
        collapsed: false,
      };
    }
    case 'swarmNetwork': {
      const n = node.item;
      return {
        id: `swarmNetwork:${n.id}`,
        label: n.name,
        description: [n.driver, n.stack ? `stack ${n.stack}` : '', n.ingress ? 'ingress' : '', n.attachable ? 'attachable' : ''].filter(Boolean).join(' · '),
        contextValue: 'swarm.network',
        icon: 'globe',
        collapsed: false,
      };
    }
  }
}
