// The one door to a cluster: a connection to one kubeconfig context. Everything in
// client/src/kubernetes reaches the API server through a ClusterConnection, so node tests point it
// at the real test control plane with nothing special. Creating one never contacts the cluster;
// connect() prepares credentials (plugins only when allowed) and asks for /version.
import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import type * as http from 'node:http';
import { configForContext, type LoadedKubeconfig } from './kubeconfig';
import { authKind, prepareCredentials, type AuthKind, type CredentialPolicy } from './credentials';
import { openStream, requestJson, type RequestOptions } from './request';

export interface ServerVersion {
  gitVersion: string;
  /** "1.36" */
  minor: string;
}

export class ClusterConnection {
  private prepared: Promise<AuthKind> | undefined;
  private clients = new Map<unknown, unknown>();
  namespace: string;

  constructor(
    readonly context: string,
    readonly kc: KubeConfig,
    private readonly policy: CredentialPolicy,
  ) {
    this.namespace = kc.getContextObject(context)?.namespace || 'default';
  }

  static forContext(loaded: LoadedKubeconfig, context: string, policy: CredentialPolicy): ClusterConnection {
    return new ClusterConnection(context, configForContext(loaded, context), policy);
  }

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '';
  }

  get user(): string {
    return this.kc.getCurrentUser()?.name ?? '';
  }

  get auth(): AuthKind {
    return authKind(this.kc.getCurrentUser());
  }

  /** Resolves credential plugins once; every request goes through here first. */
  ready(): Promise<AuthKind> {
    this.prepared ??= prepareCredentials(this.kc, this.policy).catch((err: unknown) => {
      this.prepared = undefined; // a later attempt (after installing the plugin) may succeed
      throw err;
    });
    return this.prepared;
  }

  async version(): Promise<ServerVersion> {
    const v = await this.json<{ gitVersion: string; major: string; minor: string }>('/version', { timeoutMs: 10_000 });
    const m = /^v?(\d+)\.(\d+)/.exec(v.gitVersion);
    return { gitVersion: v.gitVersion, minor: m ? `${m[1]}.${m[2]}` : `${v.major}.${v.minor.replace(/\D.*$/, '')}` };
  }

  async json<T = unknown>(path: string, opts?: RequestOptions): Promise<T> {
    await this.ready();
    return requestJson<T>(this.kc, path, opts);
  }

  async stream(path: string, opts?: RequestOptions): Promise<http.IncomingMessage> {
    await this.ready();
    return openStream(this.kc, path, opts);
  }

  private client<T>(ctor: new (...args: never[]) => T, make: () => T): T {
    if (!this.clients.has(ctor)) this.clients.set(ctor, make());
    return this.clients.get(ctor) as T;
  }

  /** Generated clients; call ready() before using them (the helpers below do). */
  get core(): CoreV1Api {
    return this.client(CoreV1Api, () => this.kc.makeApiClient(CoreV1Api));
  }
  get apps(): AppsV1Api {
    return this.client(AppsV1Api, () => this.kc.makeApiClient(AppsV1Api));
  }
  get batch(): BatchV1Api {
    return this.client(BatchV1Api, () => this.kc.makeApiClient(BatchV1Api));
  }
  get objects(): KubernetesObjectApi {
    return this.client(KubernetesObjectApi, () => KubernetesObjectApi.makeApiClient(this.kc));
  }
}
