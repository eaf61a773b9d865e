// Swarm changes, without `vscode` (the live tests drive these against a real swarm manager).
// Deploying a stack runs the docker CLI's `docker stack deploy`: its loader and converter (interpolation,
// defaults, the service specs it builds, the warnings it prints) are what the stack rules are checked
// against (test/live/swarm-agreement.test.ts), and a second converter written here would drift from it.
// Everything else (remove, scale, image, rollback, node availability, logs, inspect) is the engine API
// through dockerode, the way the CLI's own commands call it. Arguments are arrays; nothing runs in a shell.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import type { EngineTarget } from './engine';
import { resolveProgram } from './compose-cli';
import { demuxFrames } from './containers';
import { STACK_LABEL } from './swarm-model';
import { TailBuffer } from './tail-buffer';

export type ResolveImage = 'always' | 'changed' | 'never';

export interface DeployOptions {
  prune?: boolean;
  withRegistryAuth?: boolean;
  resolveImage?: ResolveImage;
  env?: NodeJS.ProcessEnv;
  onOutput?: (text: string) => void;
  signal?: AbortSignal;
}

export interface DeployResult {
  code: number;
  output: string;
}

/** Stack names as the CLI takes them: a letter or digit first, then letters, digits, `_`, `-`, `.` (they prefix every object). */
export function checkStackName(name: string): string | undefined {
  if (!name) return 'A stack needs a name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return `"${name}" is not a valid stack name: letters, digits, "_", "-" and "." only, starting with a letter or digit.`;
  if (name.length > 63) return `"${name}" is longer than 63 characters (the service names it prefixes would be refused).`;
  return undefined;
}

/** The default stack name for a file: its folder's name for docker-stack.yml / stack.yml, else the file's stem (`web.stack.yml` → web). */
export function defaultStackName(file: string): string {
  const base = path.basename(file).replace(/\.ya?ml$/i, '');
  const stem = /^(docker-)?(stack|compose|docker-compose)$/i.test(base) ? path.basename(path.dirname(file)) : base.replace(/[.-](stack|compose)$/i, '');
  return (
    stem
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 63) || 'stack'
  );
}

/** The docker CLI's environment for the explorer's engine: a context chosen in the explorer reaches it through DOCKER_CONTEXT. */
export function cliEnv(target: EngineTarget, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out = { ...env };
  if (target.source === 'DOCKER_HOST') out.DOCKER_HOST = target.host;
  else if (target.source === 'context') out.DOCKER_CONTEXT = target.context;
  return out;
}

/** `docker stack deploy -c <file> <name>` from the file's folder (relative secret and config files are read from there). */
export function deployStack(file: string, name: string, opts: DeployOptions = {}): Promise<DeployResult> {
  const bad = checkStackName(name);
  if (bad) return Promise.reject(new Error(bad));
  const env = opts.env ?? process.env;
  const docker = resolveProgram('docker', env);
  if (!docker) return Promise.reject(new Error('Deploying a stack runs `docker stack deploy`, and no docker CLI is on PATH. Install the docker CLI (docker-ce-cli, or Docker Desktop).'));
  const args = ['stack', 'deploy', '--detach=true', '-c', path.basename(file), '--resolve-image', opts.resolveImage ?? 'always'];
  if (opts.prune) args.push('--prune');
  if (opts.withRegistryAuth) args.push('--with-registry-auth');
  args.push(name);
  return new Promise((resolve, reject) => {
    const child = spawn(docker, args, { cwd: path.dirname(file), env, shell: false, windowsHide: true, signal: opts.signal });
    const output = new TailBuffer(256 * 1024);
    const take = (d: Buffer) => {
      const t = d.toString('utf8');
      output.push(t);
      opts.onOutput?.(t);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => (opts.signal?.aborted ? resolve({ code: -1, output: output.text() }) : reject(err)));
    child.on('close', (code) => resolve({ code: code ?? -1, output: output.text() }));
  });
}

export interface DeployStep {
  action: 'create' | 'update';
  kind: 'network' | 'secret' | 'config' | 'service';
  name: string;
}

/**
 * What `docker stack deploy` said it was doing, in its order: it prints "Creating network x" (secret, config, service)
 * or "Updating service y (id: …)" before each call, so after a failed deploy these are what may exist (the last one possibly
 * not: the engine may have stopped before it answered).
 */
export function deploySteps(output: string): DeployStep[] {
  const steps: DeployStep[] = [];
  for (const m of output.matchAll(/^(Creating|Updating) (network|secret|config|service) (\S+)(?: \(id: \S+\))?\s*$/gm)) steps.push({ action: m[1] === 'Creating' ? 'create' : 'update', kind: m[2] as DeployStep['kind'], name: m[3]! });
  return steps;
}

/** Names of a list for a message: all of them up to `max`, then how many more. */
function nameList(names: string[], max = 20): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

/**
 * Why a deploy failed and what it left, for the user: the CLI's last words, what it had started (its own
 * "Creating …" lines), and what the engine holds of the stack now, or that the engine cannot be asked (it went
 * away mid-deploy), so nothing it created goes unreported.
 */
export async function describeFailedDeploy(docker: Docker, name: string, res: DeployResult): Promise<string> {
  const lines = res.output.split('\n').map((l) => l.trim());
  const steps = deploySteps(res.output);
  const cause = lines.filter((l) => l && !/^(Creating|Updating) (network|secret|config|service) /.test(l)).pop() ?? `exit code ${res.code}`;
  const parts = [`docker stack deploy of ${name} failed (exit ${res.code}): ${cause}`];
  const kinds = ['network', 'secret', 'config', 'service'] as const;
  const started = kinds.map((k) => [k, steps.filter((s) => s.kind === k).map((s) => s.name)] as const).filter(([, n]) => n.length);
  parts.push(started.length ? `Before it stopped it had started on ${started.map(([k, n]) => `${n.length} ${k}${n.length === 1 ? '' : 's'} (${nameList(n)})`).join(', ')}.` : 'It had created nothing.');
  try {
    parts.push(`Stack ${name} now holds ${describeContents(await stackContents(docker, name))} on the engine.`);
  } catch (err) {
    parts.push(`What the engine holds of stack ${name} is unknown: it cannot be asked (${(err as Error).message.trim()}); the list above is what may exist once it is back.`);
  }
  return parts.join(' ');
}

export interface StackContents {
  services: string[];
  networks: string[];
  secrets: string[];
  configs: string[];
}

/** Everything labelled as the stack's, as `docker stack rm` finds it. */
export async function stackContents(docker: Docker, name: string): Promise<StackContents> {
  const filters = { label: [`${STACK_LABEL}=${name}`] };
  const [services, networks, secrets, configs] = await Promise.all([docker.listServices({ filters }), docker.listNetworks({ filters }), docker.listSecrets({ filters }), docker.listConfigs({ filters })]);
  return {
    services: services.map((s) => s.Spec?.Name ?? s.ID),
    networks: networks.map((n) => n.Name),
    secrets: secrets.map((s) => s.Spec?.Name ?? s.ID),
    configs: configs.map((c) => (c as { Spec?: { Name?: string } }).Spec?.Name ?? c.ID),
  };
}

export function describeContents(c: StackContents): string {
  const parts = (['services', 'networks', 'secrets', 'configs'] as const).filter((k) => c[k].length).map((k) => `${c[k].length} ${k} (${nameList(c[k])})`);
  return parts.length ? parts.join(', ') : 'nothing';
}

export interface RemoveResult {
  removed: StackContents;
  /** what could not be removed, with the engine's reason */
  failed: Array<{ kind: keyof StackContents; name: string; error: string }>;
}

/**
 * `docker stack rm`: services first, then secrets, configs and networks. A network whose tasks are still
 * stopping is busy for a few seconds; it is asked again for up to `networkWaitMs` instead of being left behind.
 */
export async function removeStack(docker: Docker, name: string, opts: { networkWaitMs?: number } = {}): Promise<RemoveResult> {
  const filters = { label: [`${STACK_LABEL}=${name}`] };
  const removed: StackContents = { services: [], networks: [], secrets: [], configs: [] };
  const failed: RemoveResult['failed'] = [];
  const attempt = async (kind: keyof StackContents, label: string, remove: () => Promise<unknown>) => {
    try {
      await remove();
      removed[kind].push(label);
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return true;
      return (err as Error).message;
    }
  };
  for (const s of await docker.listServices({ filters })) {
    const r = await attempt('services', s.Spec?.Name ?? s.ID, () => docker.getService(s.ID).remove());
    if (r !== true) failed.push({ kind: 'services', name: s.Spec?.Name ?? s.ID, error: r });
  }
  for (const s of await docker.listSecrets({ filters })) {
    const r = await attempt('secrets', s.Spec?.Name ?? s.ID, () => docker.getSecret(s.ID).remove());
    if (r !== true) failed.push({ kind: 'secrets', name: s.Spec?.Name ?? s.ID, error: r });
  }
  for (const c of await docker.listConfigs({ filters })) {
    const label = (c as { Spec?: { Name?: string } }).Spec?.Name ?? c.ID;
    const r = await attempt('configs', label, () => docker.getConfig(c.ID).remove());
    if (r !== true) failed.push({ kind: 'configs', name: label, error: r });
  }
  // The manager removes a swarm network asynchronously: it is listed until it is really gone, so the list is read
  // again until it is empty (or the wait is over, when what is left is reported with the last reason).
  const end = Date.now() + (opts.networkWaitMs ?? 30_000);
  const errors = new Map<string, string>();
  for (;;) {
    const pending = await docker.listNetworks({ filters });
    if (!pending.length) break;
    if (Date.now() > end) {
      for (const n of pending) failed.push({ kind: 'networks', name: n.Name, error: errors.get(n.Name) ?? 'still listed by the engine after its removal' });
      break;
    }
    for (const n of pending) {
      if (removed.networks.includes(n.Name)) continue;
      const r = await attempt('networks', n.Name, () => docker.getNetwork(n.Id).remove());
      if (r !== true) errors.set(n.Name, r);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { removed, failed };
}

interface ServiceSpecAnswer {
  ID: string;
  Version: { Index: number };
  Spec: {
    Name: string;
    Mode?: { Replicated?: { Replicas?: number }; ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }; Global?: object; GlobalJob?: object };
    TaskTemplate: { ContainerSpec?: { Image?: string }; ForceUpdate?: number };
  } & Record<string, unknown>;
  PreviousSpec?: unknown;
}

/** POST /services/{id}/update with the version the spec was read at (the engine refuses a stale one: nothing is overwritten blindly). */
function updateService(docker: Docker, id: string, version: number, spec: unknown, query: Record<string, string> = {}, registryAuth?: string): Promise<{ Warnings?: string[] | null }> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/services/${encodeURIComponent(id)}/update?`,
        method: 'POST',
        statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such service', 500: 'server error', 503: 'node is not part of a swarm' },
        options: { _query: { version: String(version), ...query }, _body: spec },
        ...(registryAuth ? { headers: { 'X-Registry-Auth': registryAuth } } : {}),
      } as Parameters<Docker['modem']['dial']>[0],
      (err, data) => (err ? reject(err) : resolve((data ?? {}) as { Warnings?: string[] | null })),
    );
  });
}

async function readService(docker: Docker, id: string): Promise<ServiceSpecAnswer> {
  return (await docker.getService(id).inspect()) as ServiceSpecAnswer;
}

/** `docker service scale`: replicated services and replicated jobs only. */
export async function scaleService(docker: Docker, id: string, replicas: number): Promise<void> {
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`Replicas must be a whole number ≥ 0, not ${replicas}.`);
  const s = await readService(docker, id);
  const mode = s.Spec.Mode ?? { Replicated: {} };
  if (mode.Replicated) mode.Replicated.Replicas = replicas;
  else if (mode.ReplicatedJob) mode.ReplicatedJob.TotalCompletions = replicas;
  else throw new Error(`Service ${s.Spec.Name} is ${mode.Global ? 'global' : 'a global job'}: it runs one task per node and cannot be scaled.`);
  await updateService(docker, id, s.Version.Index, { ...s.Spec, Mode: mode });
}

/** `docker service update --image` (without resolving the tag to a digest: that needs the registry). */
export async function updateServiceImage(docker: Docker, id: string, image: string): Promise<string[]> {
  if (!image.trim() || /\s/.test(image)) throw new Error(`"${image}" is not an image reference.`);
  const s = await readService(docker, id);
  const spec = structuredClone(s.Spec);
  spec.TaskTemplate.ContainerSpec = { ...spec.TaskTemplate.ContainerSpec, Image: image };
  return (await updateService(docker, id, s.Version.Index, spec)).Warnings ?? [];
}

/** `docker service rollback`: the manager restores the previous spec (rollback=previous) under the service's rollback_config. */
export async function rollbackService(docker: Docker, id: string): Promise<void> {
  const s = await readService(docker, id);
  if (!s.PreviousSpec) throw new Error(`Service ${s.Spec.Name} has no previous version to roll back to (it was not updated since it was created).`);
  await updateService(docker, id, s.Version.Index, s.Spec, { rollback: 'previous' });
}

/** `docker node update --availability`. */
export async function setNodeAvailability(docker: Docker, id: string, availability: 'active' | 'drain' | 'pause'): Promise<void> {
  const node = docker.getNode(id);
  const n = (await node.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
  await node.update({ version: n.Version.Index, ...n.Spec, Availability: availability } as unknown as object);
}

export interface ServiceLogOptions {
  follow: boolean;
  /** lines per task to start with */
  tail: number | 'all';
  timestamps?: boolean;
}

/** `docker service logs` (all tasks; each line starts with the task's name, as the engine sends it with details). */
export async function serviceLogs(docker: Docker, id: string, opts: ServiceLogOptions, onText: (text: string) => void, signal?: AbortSignal): Promise<void> {
  const s = (await docker.getService(id).inspect()) as { Spec: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } };
  const tty = !!s.Spec.TaskTemplate?.ContainerSpec?.TTY;
  const base = { stdout: true, stderr: true, details: false, timestamps: !!opts.timestamps, tail: opts.tail as number, abortSignal: signal };
  const service = docker.getService(id);
  if (!opts.follow) {
    const buf = (await service.logs({ ...base, follow: false })) as unknown as Buffer;
    if (tty) onText(buf.toString('utf8'));
    else for (const f of demuxFrames(buf)) onText(f.text);
    return;
  }
  const stream = (await service.logs({ ...base, follow: true })) as unknown as NodeJS.ReadableStream;
  await new Promise<void>((resolve, reject) => {
    if (tty) stream.on('data', (d: Buffer) => onText(d.toString('utf8')));
    else {
      const out = new PassThrough();
      out.on('data', (d: Buffer) => onText(d.toString('utf8')));
      docker.modem.demuxStream(stream, out, out);
    }
    stream.on('end', () => resolve());
    stream.on('close', () => resolve());
    stream.on('error', (e: Error) => (signal?.aborted ? resolve() : reject(e)));
    signal?.addEventListener('abort', () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      resolve();
    });
  });
}

export type SwarmInspectKind = 'service' | 'task' | 'node' | 'secret' | 'config' | 'swarmNetwork';

/** Inspect JSON for the read-only document. A config's data is dropped (the explorer shows names and metadata only); the engine never returns a secret's. */
export async function inspectSwarm(docker: Docker, kind: SwarmInspectKind, id: string): Promise<string> {
  let data: unknown;
  if (kind === 'service') data = await docker.getService(id).inspect();
  else if (kind === 'task') data = await docker.getTask(id).inspect();
  else if (kind === 'node') data = await docker.getNode(id).inspect();
  else if (kind === 'secret') data = await docker.getSecret(id).inspect();
  else if (kind === 'config') {
    const c = (await docker.getConfig(id).inspect()) as { Spec?: { Data?: string } };
    if (c.Spec?.Data !== undefined) c.Spec.Data = '(not shown)';
    data = c;
  } else data = await docker.getNetwork(id).inspect();
  return `${JSON.stringify(data, null, 2)}\n`;
}
