// The objects a template's dot holds at the top (Helm's "Built-in Objects", helm.sh/docs/chart_template_guide/
// builtin_objects) and their members, for completion and hover. Values come from the chart's values files.

export interface Member {
  doc: string;
  /** Chart.yaml's field for a .Chart member (shown with its value). */
  chartField?: string;
  members?: Readonly<Record<string, Member>>;
}

const chart = (field: string, doc: string): Member => ({ doc, chartField: field });

export const BUILTINS: Readonly<Record<string, Member>> = {
  Values: { doc: "The values passed into the template: the chart's values.yaml, merged with the parents' and the user's (`-f`, `--set`)." },
  Release: {
    doc: 'The release being rendered.',
    members: {
      Name: { doc: 'The release name (`release-name` in `helm template` unless given).' },
      Namespace: { doc: 'The namespace the release goes to.' },
      IsUpgrade: { doc: 'True when the current operation is an upgrade or rollback.' },
      IsInstall: { doc: 'True when the current operation is an install.' },
      Revision: { doc: 'The revision number of this release: 1 on install, one more on each upgrade and rollback.' },
      Service: { doc: 'The service rendering the template: always `Helm`.' },
    },
  },
  Chart: {
    doc: 'The contents of Chart.yaml, with its fields capitalized (`.Chart.Name`, `.Chart.AppVersion`).',
    members: {
      Name: chart('name', "The chart's name."),
      Version: chart('version', "The chart's SemVer 2 version."),
      AppVersion: chart('appVersion', 'The version of the app the chart contains.'),
      APIVersion: chart('apiVersion', 'The chart API version: v2 (Helm 3) or v1.'),
      Description: chart('description', 'A one-sentence description of the chart.'),
      Type: chart('type', '`application` or `library`.'),
      KubeVersion: chart('kubeVersion', 'The SemVer range of Kubernetes versions the chart supports.'),
      Home: chart('home', "The URL of the project's home page."),
      Icon: chart('icon', 'A URL to an SVG or PNG image used as an icon.'),
      Keywords: chart('keywords', 'Keywords about the project.'),
      Sources: chart('sources', "URLs of the project's source code."),
      Maintainers: chart('maintainers', "The chart's maintainers (name, email, url)."),
      Dependencies: chart('dependencies', "The chart's dependencies (name, version, repository, condition, tags, alias)."),
      Annotations: chart('annotations', 'Annotations keyed by name.'),
      Deprecated: chart('deprecated', 'Whether the chart is deprecated.'),
    },
  },
  Capabilities: {
    doc: "What the Kubernetes cluster supports (in `helm template` and Shipshape: the target version, and the connected cluster's API versions).",
    members: {
      APIVersions: {
        doc: 'The API versions the cluster serves; `.Capabilities.APIVersions.Has "batch/v1"` (or "apps/v1/Deployment") tests one.',
        members: { Has: { doc: 'Whether a version ("batch/v1") or resource ("apps/v1/Deployment") is served.' } },
      },
      KubeVersion: {
        doc: 'The Kubernetes version.',
        members: {
          Version: { doc: 'The version, e.g. `v1.34.0`.' },
          Major: { doc: 'The major version.' },
          Minor: { doc: 'The minor version.' },
          GitVersion: { doc: 'The version as Kubernetes reports it (same as Version).' },
        },
      },
      HelmVersion: {
        doc: 'The Helm version rendering the chart.',
        members: { Version: { doc: "Helm's version." }, GitCommit: { doc: "Helm's git SHA1." }, GitTreeState: { doc: "Whether Helm's git tree was clean." }, GoVersion: { doc: 'The Go version Helm was built with.' } },
      },
    },
  },
  Files: {
    doc: "The chart's non-special files (not templates, not .helmignored).",
    members: {
      Get: { doc: '`.Files.Get "path"`: a file\'s content as a string.' },
      GetBytes: { doc: '`.Files.GetBytes "path"`: a file\'s content as bytes.' },
      Glob: { doc: '`.Files.Glob "pattern"`: the files whose names match the glob, as Files.' },
      Lines: { doc: '`.Files.Lines "path"`: a file\'s lines, to range over.' },
      AsSecrets: { doc: 'The files as base64-encoded data of a Secret.' },
      AsConfig: { doc: 'The files as data of a ConfigMap.' },
    },
  },
  Template: {
    doc: 'The template being rendered.',
    members: { Name: { doc: "The template's path, e.g. `mychart/templates/mytemplate.yaml`." }, BasePath: { doc: "The path to the chart's templates folder, e.g. `mychart/templates`." } },
  },
  Subcharts: { doc: "The subcharts' scope (`.Subcharts.mysub.Values`), as the parent sees them." },
};

/** The member a field chain names (["Chart","Name"]), if a built-in one. */
export function builtinAt(names: readonly string[]): Member | undefined {
  let members: Readonly<Record<string, Member>> | undefined = BUILTINS;
  let member: Member | undefined;
  for (const name of names) {
    member = members?.[name];
    if (!member) return undefined;
    members = member.members;
  }
  return member;
}

/** text/template's actions and Helm's define/include keywords, completed where a function is. */
export const KEYWORDS = ['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil'] as const;
