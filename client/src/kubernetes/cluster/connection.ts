// The one door to a cluster: a connection to one kubeconfig context. Everything in
// client/src/kubernetes reaches the API server through a ClusterConnection, so node tests point it
// at the real test control plane with nothing special. Creating one never contacts the cluster;
// connect() prepares credentials (plugins only when allowed) and asks for /version.
import type { KubeConfig } from '@kubernetes/client-node';
import type * as http from 'node:http';
import { configForContext, type LoadedKubeconfig } from './kubeconfig';
import { authKind, prepareCredentials, refreshLegacyToken, type AuthKind, type CredentialPolicy } from './credentials';
import { CredentialPluginError } from './errors';
import { openStream, requestJson, type RequestOptions } from './request';

export interface ServerVersion {
  gitVersion: string;
  /** "1.36" */
  minor: string;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A request that changes the cluster: a write method that is not a server-side dry run. */
export function isClusterWrite(opts: RequestOptions | undefined): boolean {
  return WRITE_METHODS.has((opts?.method ?? 'GET').toUpperCase()) && opts?.query?.dryRun !== 'All';
}

export class ClusterWriteRefused extends Error {
  constructor(context: string, method: string, path: string) {
    super(`${method} ${path} on "${context}" was refused: cluster changes go through Shipshape's change door (kubernetes/change/door.ts)`);
    this.name = 'ClusterWriteRefused';
  }
}

export class ClusterConnection {
  private prepared: Promise<AuthKind> | undefined;
  namespace: string;

  constructor(
    readonly context: string,
    readonly kc: KubeConfig,
    private readonly policy: CredentialPolicy,
    /** False for the explorer's connections: only the change door holds writable ones. */
    readonly writes = true,
  ) {
    this.namespace = kc.getContextObject(context)?.namespace || 'default';
  }

  static forContext(loaded: LoadedKubeconfig, context: string, policy: CredentialPolicy, writes = true): ClusterConnection {
    return new ClusterConnection(context, configForContext(loaded, context), policy, writes);
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

  /**
   * Resolves credential plugins once, and refreshes an expired legacy auth-provider token; every request
   * goes through here first. Refused outright when the policy allows no network (untrusted workspace).
   */
  async ready(): Promise<AuthKind> {
    if (this.policy.allowNetwork === false) throw new CredentialPluginError(`Shipshape does not contact clusters from an untrusted workspace. Trust the workspace to connect to "${this.context}".`);
    this.prepared ??= prepareCredentials(this.kc, this.policy).catch((err: unknown) => {
      this.prepared = undefined; // a later attempt (after installing the plugin) may succeed
      throw err;
    });
    const kind = await this.prepared;
    await refreshLegacyToken(this.kc, this.policy);
    return kind;
  }

  async version(): Promise<ServerVersion> {
    const v = await this.json<{ gitVersion: string; major: string; minor: string }>('/version', { timeoutMs: 10_000 });
    const m = /^v?(\d+)\.(\d+)/.exec(v.gitVersion);
    return { gitVersion: v.gitVersion, minor: m ? `${m[1]}.${m[2]}` : `${v.major}.${v.minor.replace(/\D.*$/, '')}` };
  }

  async json<T = unknown>(path: string, opts?: RequestOptions): Promise<T> {
    this.checkWrite(path, opts);
    await this.ready();
    return requestJson<T>(this.kc, path, opts);
  }

  async stream(path: string, opts?: RequestOptions): Promise<http.IncomingMessage> {
    this.checkWrite(path, opts);
    await this.ready();
    return openStream(this.kc, path, opts);
  }

  private checkWrite(path: string, opts: RequestOptions | undefined): void {
    if (!this.writes && isClusterWrite(opts)) throw new ClusterWriteRefused(this.context, (opts?.method ?? 'GET').toUpperCase(), path);
  }
}
