// Kubeconfig loading the way kubectl does it: every file in KUBECONFIG (colon-separated, ';' on
// Windows) plus the `shipshape.kubeconfigs` setting, merged with "first file wins" for each
// cluster/user/context name. A broken file is reported and skipped, never fatal for the others.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';

export interface KubeconfigSource {
  file: string;
  /** Why the file could not be used, if it could not. */
  error?: string;
}

export interface LoadedKubeconfig {
  /** The merged configuration (all contexts, clusters and users). */
  config: KubeConfig;
  sources: KubeconfigSource[];
  /** The file each context was read from. */
  contextFile: Map<string, string>;
  /** Entries dropped because an earlier file already defined the same name. */
  shadowed: string[];
}

/** The files to read, in order, without duplicates. `~` is expanded. */
export function kubeconfigPaths(opts: { env?: NodeJS.ProcessEnv; extra?: readonly string[]; home?: string; platform?: NodeJS.Platform } = {}): string[] {
  const env = opts.env ?? process.env;
  const home = opts.home ?? os.homedir();
  const delimiter = (opts.platform ?? process.platform) === 'win32' ? ';' : ':';
  const expand = (p: string) => (p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p);
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  const list = fromEnv.length ? fromEnv : [path.join(home, '.kube', 'config')];
  const out: string[] = [];
  for (const p of [...list, ...(opts.extra ?? [])].map(expand)) {
    const abs = path.resolve(p);
    if (!out.includes(abs)) out.push(abs);
  }
  return out;
}

/** Reads and merges the files. Missing files are skipped silently only when they are the implicit default. */
export function loadKubeconfigs(files: readonly string[]): LoadedKubeconfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  const contextFile = new Map<string, string>();
  const sources: KubeconfigSource[] = [];
  const shadowed: string[] = [];
  let current = '';
  for (const file of files) {
    if (!fs.existsSync(file)) {
      sources.push({ file, error: 'file not found' });
      continue;
    }
    const one = new KubeConfig();
    try {
      one.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch (err) {
      sources.push({ file, error: kubeconfigError(err) });
      continue;
    }
    sources.push({ file });
    const add = <T extends { name: string }>(map: Map<string, T>, kind: string, items: T[]) => {
      for (const item of items) {
        if (map.has(item.name)) shadowed.push(`${kind} "${item.name}" in ${file}`);
        else map.set(item.name, item);
      }
    };
    add(clusters, 'cluster', one.getClusters());
    add(users, 'user', one.getUsers());
    for (const ctx of one.getContexts()) if (!contexts.has(ctx.name)) contextFile.set(ctx.name, file);
    add(contexts, 'context', one.getContexts());
    // kubectl: the first file that sets current-context decides it.
    if (!current && one.getCurrentContext()) current = one.getCurrentContext();
  }
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: contexts.has(current) ? current : ([...contexts.keys()][0] ?? ''),
  });
  return { config, sources, contextFile, shadowed };
}

/**
 * Why a kubeconfig could not be read, without its text: the YAML parser quotes the lines around the
 * error, and those hold tokens and keys (which would reach the log and the explorer's tooltip). The
 * reason and the position stay; anything that looks like credential material is masked.
 */
export function kubeconfigError(err: unknown): string {
  const e = err as { reason?: unknown; mark?: { line?: number; column?: number }; message?: unknown };
  const where = e?.mark && typeof e.mark.line === 'number' ? ` (line ${e.mark.line + 1}, column ${(e.mark.column ?? 0) + 1})` : '';
  const reason = typeof e?.reason === 'string' ? e.reason : String(e?.message ?? err).split('\n')[0]!;
  return `${maskSecrets(reason).replace(/\s*\(\d+:\d+\)$/, '')}${where}`;
}

/** Long runs of token/base64 characters (JWTs, keys, certificates) and quoted values: masked. */
export function maskSecrets(text: string): string {
  return text.replace(/[A-Za-z0-9+/=_.-]{16,}/g, '••••').replace(/(["'])[^"'\n]{6,}\1/g, '$1••••$1');
}

/** A copy of `config` pointed at one context, so connections never share mutable state. */
export function configForContext(loaded: LoadedKubeconfig, context: string): KubeConfig {
  const src = loaded.config;
  const read = loaded.sources.map((s) => `${s.file}${s.error ? ` (${s.error})` : ''}`).join(', ') || 'no file';
  // No context at all is a machine with no cluster set up yet, not a typo: say what to do.
  if (!src.getContexts().length) {
    throw new Error(`no Kubernetes cluster is set up: no kubeconfig file defines a context (read: ${read}). ` + 'Add one with "Add Kubeconfig File…" in the Kubernetes view, or point KUBECONFIG at one.');
  }
  const ctx = src.getContextObject(context);
  if (!ctx) {
    throw new Error(
      context
        ? `Kubernetes context "${context}" is not defined in ${loaded.sources.map((s) => s.file).join(', ') || 'any kubeconfig'}`
        : `no Kubernetes context is selected: the kubeconfig files set no current-context. Pick one with "Switch Context…" in the Kubernetes view.`,
    );
  }
  const cluster = src.getCluster(ctx.cluster);
  if (!cluster) throw new Error(`Context "${context}" names cluster "${ctx.cluster}", which no kubeconfig defines`);
  const user = src.getUser(ctx.user);
  if (!user) throw new Error(`Context "${context}" names user "${ctx.user}", which no kubeconfig defines`);
  const kc = new KubeConfig();
  // Deep copies: credential resolution rewrites user.exec.command.
  kc.loadFromOptions({
    clusters: [{ ...cluster }],
    users: [structuredClone(user)],
    contexts: [{ ...ctx }],
    currentContext: context,
  });
  return kc;
}
