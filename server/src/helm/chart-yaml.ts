// Chart.yaml as Helm reads it (helm.sh/helm/v4 pkg/chart/v2 Metadata and Dependency): the fields it knows,
// each with the one-line meaning completion and hover show, and the SemVer forms its checks use.

/** A Chart.yaml field Helm reads; `values` are the only ones it accepts, when it has such a list. */
export interface ChartField {
  doc: string;
  values?: readonly string[];
  /** Why Helm ignores the field (Helm 2's, or misplaced); reported and not offered. */
  deprecated?: string;
}

export const CHART_FIELDS: Readonly<Record<string, ChartField>> = {
  apiVersion: { doc: 'The chart API version: `v2` for Helm 3 and later (dependencies in Chart.yaml), `v1` for Helm 2 charts (dependencies in requirements.yaml). Required.', values: ['v2', 'v1'] },
  name: { doc: 'The name of the chart. Required; no path separators.' },
  version: { doc: 'The version of the chart, a SemVer 2 version (`1.2.3`, `0.1.0-rc.1`). Required.' },
  kubeVersion: { doc: 'A SemVer range of the Kubernetes versions the chart works with (`>=1.25.0-0`); Helm refuses to render for a version outside it.' },
  description: { doc: 'A single-sentence description of the chart.' },
  type: { doc: 'The chart type: `application` (renders objects; the default) or `library` (only named templates, cannot be installed).', values: ['application', 'library'] },
  keywords: { doc: 'A list of keywords about the chart.' },
  home: { doc: "The URL of the project's home page." },
  sources: { doc: "A list of URLs to the project's source code." },
  dependencies: { doc: 'The charts this chart depends on (apiVersion v2), vendored under charts/ by `helm dependency build`.' },
  maintainers: { doc: 'The maintainers of the chart: each with `name`, optional `email` and `url`.' },
  icon: { doc: 'A URL to an SVG or PNG image used as the icon.' },
  appVersion: { doc: 'The version of the app the chart deploys (`.Chart.AppVersion`); any string, quoted so YAML keeps it one.' },
  deprecated: { doc: 'Whether the chart is deprecated (`true` or `false`).', values: ['true', 'false'] },
  annotations: { doc: 'Annotations: a map of strings, e.g. `artifacthub.io/*` keys.' },
  condition: { doc: "A values path that enables the chart as a parent's dependency.", deprecated: "Helm ignores `condition` in a chart's own Chart.yaml: put it on the dependency in the parent chart." },
  tags: { doc: "Tags that enable the chart as a parent's dependency.", deprecated: "Helm ignores `tags` in a chart's own Chart.yaml: put them on the dependency in the parent chart." },
  engine: { doc: 'Helm 2: the template engine name.', deprecated: 'Helm 3 and 4 ignore `engine`: charts always render with Go templates.' },
  tillerVersion: { doc: 'Helm 2: the Tiller versions the chart needs.', deprecated: 'Helm 3 and 4 have no Tiller and ignore `tillerVersion`.' },
};

export const DEPENDENCY_FIELDS: Readonly<Record<string, ChartField>> = {
  name: { doc: 'The name of the chart it depends on, as in its own Chart.yaml. Required.' },
  version: { doc: 'A SemVer range of the versions accepted (`~1.2.3`, `^2`, `>=1.0.0 <2.0.0`).' },
  repository: { doc: 'The repository URL (`https://…`, `oci://…`), an alias `@name` of `helm repo add`, or `file://../local-chart`.' },
  condition: { doc: 'A comma-separated list of values paths (`redis.enabled,global.redis.enabled`); the first that exists enables or disables the dependency.' },
  tags: { doc: 'Tags: the dependency is enabled or disabled by `tags.<tag>` in the values (a condition wins over tags).' },
  enabled: { doc: 'Whether the dependency is enabled; conditions and tags in the values override it.', values: ['true', 'false'] },
  'import-values': { doc: "Values of the dependency imported into the parent's values: a child's `exports.<name>` key, or `{child: a.b, parent: c}`." },
  alias: { doc: 'The name the dependency is known by in this chart (its values key and `.Chart.Name`), so one chart can be used twice.' },
};

export const MAINTAINER_FIELDS: Readonly<Record<string, ChartField>> = {
  name: { doc: "The maintainer's name. Required." },
  email: { doc: "The maintainer's email." },
  url: { doc: 'A URL for the maintainer.' },
};

// SemVer 2.0.0's grammar (semver.org), and the looser form Masterminds' semver.NewVersion accepts, which
// Helm's loader checks `version` with: a leading v, a missing minor or patch, leading zeros.
const SEMVER2 = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const LOOSE = /^v?\d+(?:\.\d+)?(?:\.\d+)?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function isSemver2(version: string): boolean {
  return SEMVER2.test(version);
}

/** What Helm's loader accepts as `version` (it refuses the chart otherwise). */
export function isLooseSemver(version: string): boolean {
  return LOOSE.test(version);
}

// One comparison of Masterminds' constraint syntax: an operator, then a version with x/X/* wildcards.
const COMPARISON = /^(?:=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?(?:\d+|[xX*])(?:\.(?:\d+|[xX*]))?(?:\.(?:\d+|[xX*]))?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const HYPHEN_RANGE = /^(\S+)\s+-\s+(\S+)$/;

/**
 * Why a SemVer range is not one Masterminds' semver.NewConstraint parses (`||` between alternatives, each
 * a list of comparisons split by spaces or commas, or `1.2 - 1.4`), or undefined when it parses.
 */
export function constraintError(range: string): string | undefined {
  if (!range.trim()) return 'it is empty';
  for (const alternative of range.split('||')) {
    const text = alternative.trim();
    if (!text) return 'an alternative between `||` is empty';
    const hyphen = HYPHEN_RANGE.exec(text);
    const parts = hyphen
      ? [hyphen[1]!, hyphen[2]!]
      : text
          .replace(/([=<>!~^])\s+/g, '$1')
          .split(/[\s,]+/)
          .filter(Boolean);
    for (const part of parts) if (!COMPARISON.test(part)) return `\`${part}\` is not a version comparison`;
  }
  return undefined;
}
