// What the Docker explorer shows, loaded from the engine and shaped without `vscode`:
// containers grouped by Compose project, images (dangling flagged, sizes), volumes, networks.
import type Docker from 'dockerode';

export interface ContainerItem {
  id: string;
  name: string;
  image: string;
  state: string; // running | exited | created | paused | restarting | dead
  status: string; // "Up 3 minutes", "Exited (0) 2 seconds ago"
  service?: string; // Compose service
  ports: string[];
}

export interface ContainerGroup {
  /** Compose project, or undefined for containers not started by Compose */
  project?: string;
  workingDir?: string;
  configFiles?: string[];
  containers: ContainerItem[];
}

export interface ImageItem {
  id: string;
  tags: string[]; // empty for dangling images
  dangling: boolean;
  size: number;
  created: number;
}

export interface VolumeItem {
  name: string;
  driver: string;
  mountpoint: string;
  project?: string;
}

export interface NetworkItem {
  id: string;
  name: string;
  driver: string;
  builtin: boolean;
}

export const COMPOSE_PROJECT = 'com.docker.compose.project';
const COMPOSE_SERVICE = 'com.docker.compose.service';
const COMPOSE_DIR = 'com.docker.compose.project.working_dir';
const COMPOSE_FILES = 'com.docker.compose.project.config_files';

export function containerName(c: Docker.ContainerInfo): string {
  return (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
}

export async function loadContainerGroups(docker: Docker): Promise<ContainerGroup[]> {
  const list = await docker.listContainers({ all: true });
  return groupContainers(list);
}

export function groupContainers(list: Docker.ContainerInfo[]): ContainerGroup[] {
  const groups = new Map<string, ContainerGroup>();
  const loose: ContainerGroup = { containers: [] };
  for (const c of list) {
    const labels = c.Labels ?? {};
    const item: ContainerItem = {
      id: c.Id,
      name: containerName(c),
      image: c.Image,
      state: c.State,
      status: c.Status,
      service: labels[COMPOSE_SERVICE],
      ports: (c.Ports ?? []).filter((p) => p.PublicPort).map((p) => `${p.IP ? `${p.IP}:` : ''}${p.PublicPort}->${p.PrivatePort}/${p.Type}`),
    };
    const project = labels[COMPOSE_PROJECT];
    if (!project) {
      loose.containers.push(item);
      continue;
    }
    let g = groups.get(project);
    if (!g) {
      g = { project, workingDir: labels[COMPOSE_DIR], configFiles: labels[COMPOSE_FILES]?.split(','), containers: [] };
      groups.set(project, g);
    }
    g.containers.push(item);
  }
  const byName = (a: ContainerItem, b: ContainerItem) => a.name.localeCompare(b.name);
  const out = [...groups.values()].sort((a, b) => a.project!.localeCompare(b.project!));
  for (const g of out) g.containers.sort(byName);
  loose.containers.sort(byName);
  if (loose.containers.length) out.push(loose);
  return out;
}

export async function loadImages(docker: Docker): Promise<ImageItem[]> {
  const list = await docker.listImages({ all: false });
  return list
    .map((i) => {
      const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
      return { id: i.Id, tags, dangling: tags.length === 0, size: i.Size, created: i.Created };
    })
    .sort((a, b) => Number(a.dangling) - Number(b.dangling) || (a.tags[0] ?? a.id).localeCompare(b.tags[0] ?? b.id));
}

export async function loadVolumes(docker: Docker): Promise<VolumeItem[]> {
  const res = await docker.listVolumes();
  return (res.Volumes ?? []).map((v) => ({ name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint, project: v.Labels?.[COMPOSE_PROJECT] })).sort((a, b) => a.name.localeCompare(b.name));
}

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);

export async function loadNetworks(docker: Docker): Promise<NetworkItem[]> {
  const list = await docker.listNetworks();
  return list.map((n) => ({ id: n.Id, name: n.Name, driver: n.Driver, builtin: BUILTIN_NETWORKS.has(n.Name) })).sort((a, b) => a.name.localeCompare(b.name));
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}
