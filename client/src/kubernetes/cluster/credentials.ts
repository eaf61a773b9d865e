// Credentials that need more than a file read: exec credential plugins (gke-gcloud-auth-plugin,
// aws, kubelogin…) and OIDC. VS Code started from a desktop launcher has a bare PATH, which is why
// plugins installed by Homebrew/gcloud "are not found" in other extensions: we resolve the plugin
// on the user's login-shell PATH, name it clearly when it is missing, and hand that PATH to it.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KubeConfig, User } from '@kubernetes/client-node';
import { CredentialPluginError } from './errors';

const MARK = '__SHIPSHAPE_PATH__';
let cachedPath: Promise<string> | undefined;

/** PATH as a login shell sets it (cached). Falls back to this process's PATH. */
export function loginShellPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<string> {
  if (platform === 'win32') return Promise.resolve(env.PATH ?? env.Path ?? '');
  cachedPath ??= new Promise((resolve) => {
    const shell = env.SHELL || '/bin/sh';
    execFile(shell, ['-l', '-c', `printf '${MARK}%s${MARK}' "$PATH"`], { timeout: 5000, env }, (_err, stdout) => {
      const m = new RegExp(`${MARK}(.*)${MARK}`).exec(stdout ?? '');
      const fromShell = m?.[1] ?? '';
      // Keep this process's entries too (de-duplicated): a shell profile may not list them.
      const dirs = [...fromShell.split(path.delimiter), ...(env.PATH ?? '').split(path.delimiter)].filter(Boolean);
      resolve([...new Set(dirs)].join(path.delimiter));
    });
  });
  return cachedPath;
}

/** Absolute path of `command` on `searchPath`, or undefined. */
export function findExecutable(command: string, searchPath: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const exts = platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  const isFile = (p: string) => {
    try {
      const st = fs.statSync(p);
      if (!st.isFile()) return false;
      if (platform !== 'win32') fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const absolute = platform === 'win32' ? path.win32.isAbsolute : path.posix.isAbsolute;
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) {
    // A relative path would resolve against the working directory (often the workspace): never.
    return absolute(command) ? exts.map((e) => command + e).find(isFile) : undefined;
  }
  // Only absolute entries: an empty one, "." or "node_modules/.bin" would search the working directory.
  for (const dir of searchPath.split(platform === 'win32' ? ';' : ':').filter((d) => d && absolute(d))) {
    for (const e of exts) {
      const candidate = path.join(dir, command + e);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

interface ExecSpec {
  command?: string;
  apiVersion?: string;
  env?: { name: string; value: string }[] | null;
  installHint?: string;
  provideClusterInfo?: boolean;
}

function execSpec(user: User): ExecSpec | undefined {
  const u = user as User & { exec?: ExecSpec; authProvider?: { config?: { exec?: ExecSpec } } };
  return u.exec ?? u.authProvider?.config?.exec;
}

export type AuthKind = 'client-certificate' | 'token' | 'exec-plugin' | 'oidc' | 'basic' | 'none';

export function authKind(user: User | null): AuthKind {
  if (!user) return 'none';
  if (execSpec(user)) return 'exec-plugin';
  const provider = (user as { authProvider?: { name?: string } }).authProvider?.name;
  if (provider === 'oidc') return 'oidc';
  if (user.token || (user as { authProvider?: unknown }).authProvider) return 'token';
  if (user.certData || user.certFile) return 'client-certificate';
  if (user.username) return 'basic';
  return 'none';
}

export interface CredentialPolicy {
  /** False in an untrusted workspace: no plugin runs (kubeconfigs in a repo could name any program). */
  allowPlugins: boolean;
  /** False in an untrusted workspace: no request is sent at all (the explorer only lists contexts). */
  allowNetwork?: boolean;
  /** PATH used to find plugins; default: the login shell's. */
  searchPath?: string;
}

/**
 * Prepares the current user of `kc` for use: resolves an exec plugin to an absolute path and gives
 * it the login-shell PATH, or throws CredentialPluginError saying exactly what is missing.
 */
export async function prepareCredentials(kc: KubeConfig, policy: CredentialPolicy): Promise<AuthKind> {
  const user = kc.getCurrentUser();
  const kind = authKind(user);
  if (!user) return kind;
  const exec = execSpec(user);
  if (!exec) {
    if (kind === 'oidc' && !policy.allowPlugins) throw new CredentialPluginError(`User "${user.name}" signs in with OIDC; Shipshape does not refresh credentials in an untrusted workspace. Trust the workspace to connect.`);
    return kind;
  }
  if (!policy.allowPlugins) {
    throw new CredentialPluginError(`User "${user.name}" needs the credential plugin "${exec.command}", and Shipshape does not run credential plugins in an untrusted workspace. Trust the workspace to connect.`);
  }
  if (!exec.command) throw new CredentialPluginError(`User "${user.name}" has an exec credential section without a command.`);
  const searchPath = policy.searchPath ?? (await loginShellPath());
  const resolved = findExecutable(exec.command, searchPath);
  if (!resolved) {
    const hint = exec.installHint ? `\n${exec.installHint.trim()}` : '';
    throw new CredentialPluginError(
      `The credential plugin "${exec.command}" for user "${user.name}" was not found on your login-shell PATH (${searchPath.split(path.delimiter).length} folders searched). Install it, or put its absolute path in the kubeconfig's users[].user.exec.command.${hint}`,
    );
  }
  exec.command = resolved;
  // The plugin itself often runs helpers (gcloud, aws): give it the same PATH, unless the kubeconfig sets one.
  const env = (exec.env ??= []);
  if (!env.some((e) => e.name === 'PATH')) env.push({ name: 'PATH', value: searchPath });
  // As kubectl does: tell the plugin it cannot prompt, and (if asked for) which cluster it is for.
  if (!env.some((e) => e.name === 'KUBERNETES_EXEC_INFO')) {
    const cluster = kc.getCurrentCluster();
    const spec: Record<string, unknown> = { interactive: false };
    if (exec.provideClusterInfo && cluster) {
      spec.cluster = {
        server: cluster.server,
        'tls-server-name': cluster.tlsServerName,
        'insecure-skip-tls-verify': cluster.skipTLSVerify || undefined,
        'certificate-authority-data': cluster.caData,
        'proxy-url': cluster.proxyUrl,
      };
    }
    env.push({ name: 'KUBERNETES_EXEC_INFO', value: JSON.stringify({ apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec }) });
  }
  return kind;
}

/** Old-style `auth-provider: gcp | azure` users whose token is refreshed by running `cmd-path`. */
interface LegacyProviderConfig {
  'cmd-path'?: string;
  'cmd-args'?: string;
  'access-token'?: string;
  expiry?: string;
  'expires-on'?: string;
  'token-key'?: string;
  'expiry-key'?: string;
}

function legacyProvider(user: User | null): { name: string; config: LegacyProviderConfig } | undefined {
  const provider = (user as { authProvider?: { name?: string; config?: LegacyProviderConfig } } | null)?.authProvider;
  return provider && (provider.name === 'gcp' || provider.name === 'azure') && provider.config ? { name: provider.name, config: provider.config } : undefined;
}

/** As client-node decides it: no token, or an expiry in the past. */
export function legacyTokenExpired(config: LegacyProviderConfig, now = Date.now()): boolean {
  if (!config['access-token']) return true;
  const expiry = config.expiry ? Date.parse(config.expiry) : config['expires-on'] ? Number(config['expires-on']) * 1000 : undefined;
  return expiry !== undefined && expiry < now;
}

/** `{.credential.access_token}` → the value at that path of `json` (the kubeconfig's simple JSONPath). */
export function readJsonPath(json: unknown, expr: string): unknown {
  const m = /^\{\.?([^{}]*)\}$/.exec(expr.trim());
  if (!m) throw new CredentialPluginError(`Unsupported token path "${expr}" (expected {.field.field})`);
  let value = json;
  for (const key of m[1]!.split('.').filter(Boolean)) value = value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

const inFlight = new WeakMap<KubeConfig, Promise<void>>();

/**
 * client-node refreshes gcp/azure auth-provider tokens by running `cmd-path` through a shell, blocking
 * the extension host. Shipshape does it first, the way kubectl does: the command resolved to an absolute
 * path, its arguments split on whitespace, no shell, a time limit, and never in an untrusted workspace.
 * client-node then finds a fresh token and runs nothing.
 */
export function refreshLegacyToken(kc: KubeConfig, policy: CredentialPolicy): Promise<void> {
  const user = kc.getCurrentUser();
  const provider = legacyProvider(user);
  if (!provider || !legacyTokenExpired(provider.config)) return Promise.resolve();
  const running = inFlight.get(kc);
  if (running) return running;
  const refresh = (async () => {
    const { config, name } = provider;
    const cmd = config['cmd-path'];
    if (!cmd) throw new CredentialPluginError(`The ${name} token of user "${user!.name}" has expired and the kubeconfig names no cmd-path to refresh it. Log in again.`);
    if (!policy.allowPlugins)
      throw new CredentialPluginError(`User "${user!.name}" refreshes its ${name} token by running "${cmd}", and Shipshape does not run programs from a kubeconfig in an untrusted workspace. Trust the workspace to connect.`);
    const searchPath = policy.searchPath ?? (await loginShellPath());
    const resolved = findExecutable(cmd, searchPath);
    if (!resolved) throw new CredentialPluginError(`The ${name} token helper "${cmd}" of user "${user!.name}" was not found on your login-shell PATH. Install it or give its absolute path in cmd-path.`);
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(resolved, (config['cmd-args'] ?? '').split(/\s+/).filter(Boolean), { timeout: 30_000, windowsHide: true, env: { ...process.env, PATH: searchPath } }, (err, out) =>
        err ? reject(new CredentialPluginError(`The ${name} token helper ${resolved} failed: ${err.message.split('\n')[0]}`)) : resolve(String(out)),
      ),
    );
    let parsed: unknown;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      throw new CredentialPluginError(`The ${name} token helper ${resolved} did not print JSON.`);
    }
    const token = readJsonPath(parsed, config['token-key'] ?? '{.access_token}');
    if (typeof token !== 'string' || !token) throw new CredentialPluginError(`The ${name} token helper ${resolved} printed no token at ${config['token-key'] ?? '{.access_token}'}.`);
    const expiry = readJsonPath(parsed, config['expiry-key'] ?? '{.token_expiry}');
    config['access-token'] = token;
    if (typeof expiry === 'string' && expiry) config.expiry = expiry;
    else delete config.expiry;
    delete config['expires-on'];
  })().finally(() => inFlight.delete(kc));
  inFlight.set(kc, refresh);
  return refresh;
}
