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
  if (command.includes('/') || (platform === 'win32' && command.includes('\\'))) return exts.map((e) => command + e).find(isFile);
  for (const dir of searchPath.split(platform === 'win32' ? ';' : ':').filter(Boolean)) {
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
