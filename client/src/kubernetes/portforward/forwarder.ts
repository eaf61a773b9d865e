// Port-forward to a pod, a Service or a workload. The local listener outlives the pod: each new
// TCP connection goes to a Running pod currently behind the target (found through a watch), so
// when the pod is deleted the next connection reaches its replacement. Connections open on the
// old pod end with it (TCP cannot move), and the change is reported ('pod' event).
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import { Writable } from 'node:stream';
import { PortForward } from '@kubernetes/client-node';
import type { ClusterConnection } from '../cluster/connection';
import { ResourceCache } from '../resources/cache';
import { kindByName } from '../resources/kinds';
import type { KubeObject } from '../resources/types';
import { selectorOf } from '../logs/merged-logs';
import { successorSelector } from '../logs/pod-logs';

export type ForwardKind = 'pod' | 'service' | 'deployment' | 'statefulset' | 'replicaset' | 'daemonset';

export interface ForwardTarget {
  namespace: string;
  kind: ForwardKind;
  name: string;
}

export interface PortMapping {
  /** 0 = any free port. */
  local: number;
  /** Port on the target: a Service port (number or name) or a container port (number or name). */
  remote: number | string;
}

export interface BoundPort {
  local: number;
  remote: number | string;
}

const PLURAL: Record<ForwardKind, string> = { pod: 'pods', service: 'services', deployment: 'deployments', statefulset: 'statefulsets', replicaset: 'replicasets', daemonset: 'daemonsets' };

export class PortForwarder extends EventEmitter {
  private servers: net.Server[] = [];
  private pods: ResourceCache | undefined;
  private service: KubeObject | undefined;
  private sockets = new Set<net.Socket>();
  readonly bound: BoundPort[] = [];
  currentPod: string | undefined;
  private lastPod: string | undefined;
  connections = 0;

  constructor(
    private readonly conn: ClusterConnection,
    readonly target: ForwardTarget,
    readonly ports: PortMapping[],
  ) {
    super();
  }

  get label(): string {
    return `${this.target.kind}/${this.target.name} ${this.bound.map((b) => `${b.local}→${b.remote}`).join(', ')}`;
  }

  async start(): Promise<void> {
    const { namespace, kind, name } = this.target;
    const obj = await this.conn.json<KubeObject>(`${kind === 'pod' || kind === 'service' ? '/api/v1' : '/apis/apps/v1'}/namespaces/${encodeURIComponent(namespace)}/${PLURAL[kind]}/${encodeURIComponent(name)}`);
    let selector: string | undefined;
    if (kind === 'pod') selector = successorSelector(obj);
    else {
      selector = selectorOf(obj);
      if (!selector) throw new Error(`${kind}/${name} has no selector, so no pod to forward to`);
    }
    if (kind === 'service') this.service = obj;
    this.pods = new ResourceCache(this.conn, kindByName('pods')!, {
      namespace,
      // A bare pod is watched by name; a controlled pod by the labels its replacements share.
      ...(selector ? { labelSelector: selector } : { fieldSelector: `metadata.name=${name}` }),
      debounceMs: 0,
    });
    this.pods.on('change', () => this.pickPod());
    await this.pods.start();
    this.pickPod();
    if (!this.currentPod) throw new Error(`No running pod behind ${kind}/${name}`);
    try {
      for (const p of this.ports) await this.listen(p);
    } catch (err) {
      this.stop();
      throw err;
    }
  }

  stop(): void {
    this.pods?.stop();
    for (const s of this.servers) s.close();
    for (const s of this.sockets) s.destroy();
    this.servers = [];
    this.emit('stopped');
  }

  private candidates(): KubeObject[] {
    return (this.pods?.items() ?? []).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
  }

  private pickPod(): void {
    const live = this.candidates();
    // Stay on the current pod while it is alive; prefer the named pod for pod targets.
    const keep = live.find((p) => p.metadata.name === this.currentPod);
    const preferred = this.target.kind === 'pod' ? live.find((p) => p.metadata.name === this.target.name) : undefined;
    const next = keep ?? preferred ?? live.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''))[0];
    const name = next?.metadata.name;
    if (name !== this.currentPod) {
      const previous = this.currentPod ?? this.lastPod;
      this.currentPod = name;
      if (name) this.lastPod = name;
      // Not for the first pick; (undefined, old) while no pod runs, then (new, old).
      if (previous) this.emit('pod', name, previous);
    }
  }

  /** Container port number for the mapping, on a given pod. */
  resolveRemotePort(remote: number | string, pod: KubeObject | undefined): number {
    let port: number | string = remote;
    if (this.service) {
      const sp = (this.service.spec?.ports ?? []).find((p: { port: number; name?: string }) => p.port === Number(remote) || (p.name && p.name === remote));
      if (!sp) throw new Error(`Service ${this.target.name} has no port ${remote}`);
      port = sp.targetPort ?? sp.port;
    }
    if (typeof port === 'number' || /^\d+$/.test(String(port))) return Number(port);
    for (const c of pod?.spec?.containers ?? []) {
      const cp = (c.ports ?? []).find((p: { name?: string }) => p.name === port);
      if (cp) return cp.containerPort;
    }
    throw new Error(`No container port named "${port}" in pod ${pod?.metadata.name ?? '?'}`);
  }

  private listen(mapping: PortMapping): Promise<void> {
    const server = net.createServer((socket) => this.handle(socket, mapping));
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(mapping.local, '127.0.0.1', () => {
        server.off('error', reject);
        this.bound.push({ local: (server.address() as net.AddressInfo).port, remote: mapping.remote });
        resolve();
      });
    });
  }

  private handle(socket: net.Socket, mapping: PortMapping): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    this.pickPod();
    const podName = this.currentPod;
    const pod = podName ? this.pods?.get(podName, this.target.namespace) : undefined;
    if (!podName || !pod) {
      this.emit('connectionError', new Error(`no running pod behind ${this.target.kind}/${this.target.name}`));
      return void socket.destroy();
    }
    let port: number;
    try {
      port = this.resolveRemotePort(mapping.remote, pod);
    } catch (err) {
      this.emit('connectionError', err);
      return void socket.destroy();
    }
    this.connections++;
    // Data on the error channel means the pod side refused or failed (e.g. nothing listens).
    const errors = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        // The first frame of each channel is just the port number (client-node strips it, leaving nothing).
        if (!chunk.length) return cb();
        this.emit('connectionError', new Error(`${podName}:${port}: ${chunk.toString('utf8')}`));
        socket.destroy();
        cb();
      },
    });
    socket.pause();
    this.conn
      .ready()
      .then(() => new PortForward(this.conn.kc, true).portForward(this.target.namespace, podName, [port], socket, errors, socket))
      .then((ws) => {
        socket.resume();
        const close = () => socket.destroy();
        if (typeof ws === 'function') return;
        ws.on('close', close);
        socket.on('close', () => ws.close());
        this.emit('connection', podName, port);
      })
      .catch((err: unknown) => {
        this.emit('connectionError', err);
        socket.destroy();
      });
  }
}
