import * as path from 'node:path';
import type { FileKind } from './kinds';
import { hasEcsShape } from './json-shape';
import { readModeline } from './modeline';

export interface Detection {
  kind: FileKind;
  /** Kubernetes version forced by a modeline, if any. */
  kubernetesVersion?: string;
}

/** Answers whether a folder is a Helm chart (has Chart.yaml); callers cache it, detection stays pure. */
export type ChartProbe = (dir: string) => boolean;

const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:\..+)?$|\.(?:dockerfile|containerfile)$/i;
const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const JSON_NAME = /\.json$/i;
/** ECS task definitions by name: `*task-definition*.json` (the AWS Toolkit's pattern) and CodePipeline's `taskdef.json`. */
const ECS_NAME = /task-definition[^\\/]*\.json$|^taskdef\.json$/i;
/** Helm's partials: `_helpers.tpl` and friends, anywhere under a templates/ folder. */
const TEMPLATE_PARTIAL = /[\\/]templates[\\/](?:.+[\\/])?[^\\/]+\.tpl$/i;
const VALUES_NAME = /^values(?:[.-][\w.-]+)?\.ya?ml$/i;
/** Swarm stack files by name: docker-stack.yml, stack.yaml, web.stack.yml, web-stack.yml, docker-stack.prod.yml. */
const STACK_NAME = /^(?:.+[.-])?stack(?:\.[\w-]+)?\.ya?ml$/i;

/** Haskell's build tool reads `stack.yaml` too: a bare stack.y(a)ml is a Swarm stack only with top-level services. */
const BARE_STACK = /^stack\.ya?ml$/i;
const SERVICES = /^services:/m;

/** Named like a Swarm stack file (checked as `docker stack deploy` reads it). */
export function isStackName(filePath: string, text: string): boolean {
  const base = path.basename(filePath);
  return STACK_NAME.test(base) && (!BARE_STACK.test(base) || SERVICES.test(text));
}

/** Name-only check, for walkers that decide whether to read a file at all. */
export function isCandidatePath(filePath: string): boolean {
  const base = path.basename(filePath);
  return DOCKERFILE_NAME.test(base) || YAML_NAME.test(base) || JSON_NAME.test(base) || base === 'Kustomization' || TEMPLATE_PARTIAL.test(filePath);
}

/**
 * Detects a file's kind from its name, its content and (for Helm) its folder.
 * Returns undefined for files Shipshape does not handle.
 */
export function detectKind(filePath: string, text: string, isChart: ChartProbe = () => false): Detection | undefined {
  const modeline = readModeline(text);
  const forced = modeline?.kind;
  const version = modeline?.kubernetesVersion;
  if (forced) return { kind: forced, kubernetesVersion: version };

  const base = path.basename(filePath);
  if (DOCKERFILE_NAME.test(base)) return { kind: 'dockerfile' };
  if (TEMPLATE_PARTIAL.test(filePath)) return insideChartTemplates(path.dirname(filePath), isChart) ? { kind: 'helm-template' } : undefined;
  // kustomize's third file name, without an extension.
  if (base === 'Kustomization') return { kind: 'kustomization' };
  if (JSON_NAME.test(base)) return ECS_NAME.test(base) || hasEcsShape(text) ? { kind: 'ecs' } : undefined;
  if (!YAML_NAME.test(base)) return undefined;

  const kind = detectYamlKind(filePath, base, text, isChart);
  return version ? { kind, kubernetesVersion: version } : { kind };
}

function detectYamlKind(filePath: string, base: string, text: string, isChart: ChartProbe): FileKind {
  const lower = base.toLowerCase();
  // Compose has no top-level apiVersion or kind: a manifest named like `compose.k8s.yaml` is a manifest.
  if ((COMPOSE_NAME.test(base) || isStackName(base, text)) && !hasKubernetesShape(text)) return 'compose';
  if (lower === 'kustomization.yaml' || lower === 'kustomization.yml') return 'kustomization';
  const dir = path.dirname(filePath);
  if (lower === 'chart.yaml') return 'helm-chart';
  // values.yaml and the values-prod.yaml / values.dev.yaml beside it, which `helm -f` takes.
  if (VALUES_NAME.test(base) && isChart(dir)) return 'helm-values';
  if (insideChartTemplates(dir, isChart)) return 'helm-template';
  if (hasKubernetesShape(text)) return 'kubernetes';
  return 'yaml';
}

/** templates/ (at any depth) directly under a folder with Chart.yaml. */
function insideChartTemplates(dir: string, isChart: ChartProbe): boolean {
  const parts = dir.split(/[\\/]/);
  for (let i = parts.length - 1; i > 0; i--) {
    if (parts[i] === 'templates' && isChart(parts.slice(0, i).join(path.sep) || path.sep)) return true;
  }
  return false;
}

const API_VERSION = /^apiVersion:\s*\S/m;
const KIND = /^kind:\s*\S/m;

/** A YAML file is Kubernetes when a document carries top-level apiVersion and kind. */
export function hasKubernetesShape(text: string): boolean {
  return API_VERSION.test(text) && KIND.test(text);
}
