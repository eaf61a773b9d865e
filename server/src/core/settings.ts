/** User settings under `shipshape.*`; the client, an LSP client or the CLI fills them. */
import type { KubernetesVersionSource } from '../../../protocol';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export interface Settings {
  kubernetes: {
    /** A bundled version like "1.34", or "auto" (the connected cluster's, else the newest bundled). */
    version: string;
  };
  /** Per-rule severity override, keyed by diagnostic code. */
  rules: Record<string, RuleLevel>;
  compose: {
    /** Like `docker compose -f a -f b`: files merged, in order, for the project in the same folder. */
    files: string[];
  };
  swarm: {
    /** Globs of files checked as Swarm stacks, as `docker stack deploy -c` reads them (core/path-glob.ts). */
    stackFiles: string[];
  };
  dockerfile: {
    /** Run ShellCheck on RUN instructions when the `shellcheck` binary is installed. */
    shellcheck: boolean;
  };
  files: {
    /** Absolute folders outside the workspace that referenced files may be read from (machine-scoped). */
    readableFolders: string[];
  };
  diagnostics: {
    /** Which files get diagnostics: open editors only, or every Shipshape file of the folder (the workspace pass). */
    scope: DiagnosticsScope;
  };
  helm: {
    /**
     * Extra values files per chart, applied after values.yaml as `helm -f` applies them: keys are chart folders
     * (relative to the workspace folder, or absolute; "*" for every chart), files relative to the chart folder.
     */
    valueFiles: Record<string, string[]>;
    /** `helm template --set` values for every chart, e.g. "image.tag=1.2.3". */
    set: string[];
    /** The release charts render as (.Release.Name, .Release.Namespace); helm template's defaults when empty. */
    releaseName: string;
    namespace: string;
  };
}

export type DiagnosticsScope = 'openFiles' | 'workspace';

/** Newest bundled Kubernetes version; used for "auto" when no cluster is connected. */
export const NEWEST_KUBERNETES_VERSION = '1.36';

export const DEFAULT_SETTINGS: Settings = {
  kubernetes: { version: 'auto' },
  rules: {},
  compose: { files: [] },
  swarm: { stackFiles: [] },
  dockerfile: { shellcheck: true },
  files: { readableFolders: [] },
  diagnostics: { scope: 'workspace' },
  helm: { valueFiles: {}, set: [], releaseName: '', namespace: '' },
};

const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];

/** Merges whatever a client sent onto the defaults, dropping values of the wrong shape. */
export function normalizeSettings(raw: unknown): Settings {
  const input = isRecord(raw) ? raw : {};
  const kubernetes = isRecord(input.kubernetes) ? input.kubernetes : {};
  const compose = isRecord(input.compose) ? input.compose : {};
  const dockerfile = isRecord(input.dockerfile) ? input.dockerfile : {};
  const swarm = isRecord(input.swarm) ? input.swarm : {};
  const files = isRecord(input.files) ? input.files : {};
  const diagnostics = isRecord(input.diagnostics) ? input.diagnostics : {};
  const helm = isRecord(input.helm) ? input.helm : {};
  // shipshape.helm.values is the deprecated name of shipshape.helm.valueFiles: its entries still apply, the new name's win per chart.
  const valueFiles: Record<string, string[]> = {};
  for (const setting of [helm.values, helm.valueFiles]) {
    if (!isRecord(setting)) continue;
    for (const [chart, list] of Object.entries(setting)) {
      if (Array.isArray(list)) valueFiles[chart] = list.filter((f): f is string => typeof f === 'string' && f !== '');
    }
  }
  const rules: Record<string, RuleLevel> = {};
  if (isRecord(input.rules)) {
    for (const [code, level] of Object.entries(input.rules)) {
      if (typeof level === 'string' && LEVELS.includes(level)) rules[code] = level as RuleLevel;
    }
  }
  return {
    kubernetes: {
      version: typeof kubernetes.version === 'string' && kubernetes.version ? kubernetes.version.replace(/^v/, '') : 'auto',
    },
    rules,
    compose: {
      files: Array.isArray(compose.files) ? compose.files.filter((f): f is string => typeof f === 'string') : [],
    },
    swarm: {
      stackFiles: Array.isArray(swarm.stackFiles) ? swarm.stackFiles.filter((f): f is string => typeof f === 'string' && f !== '') : [],
    },
    dockerfile: {
      shellcheck: typeof dockerfile.shellcheck === 'boolean' ? dockerfile.shellcheck : true,
    },
    files: {
      readableFolders: Array.isArray(files.readableFolders) ? files.readableFolders.filter((f): f is string => typeof f === 'string') : [],
    },
    diagnostics: {
      scope: diagnostics.scope === 'openFiles' ? 'openFiles' : 'workspace',
    },
    helm: {
      valueFiles,
      set: Array.isArray(helm.set) ? helm.set.filter((s): s is string => typeof s === 'string' && s.includes('=')) : [],
      releaseName: typeof helm.releaseName === 'string' ? helm.releaseName : '',
      namespace: typeof helm.namespace === 'string' ? helm.namespace : '',
    },
  };
}

/** The version a file is checked against: modeline, then setting, then the connected cluster, then newest. */
export function effectiveKubernetesVersion(settings: Settings, modeline?: string, clusterVersion?: string): string {
  if (modeline) return modeline;
  if (settings.kubernetes.version !== 'auto') return settings.kubernetes.version;
  return clusterVersion ?? NEWEST_KUBERNETES_VERSION;
}

/** Why effectiveKubernetesVersion (without a modeline) chose what it chose. */
export function kubernetesVersionSource(settings: Settings, clusterVersion?: string): KubernetesVersionSource {
  if (settings.kubernetes.version !== 'auto') return 'setting';
  return clusterVersion ? 'cluster' : 'fallback';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
