import type { JsonNode } from '../json/parse';
import { items, property, stringAt } from './model';

/** The launch types a task definition says it is for (requiresCompatibilities), as strings. */
export function compatibilities(root: JsonNode): JsonNode[] {
  return items(property(root, 'requiresCompatibilities')).filter((node) => node.type === 'string');
}

/** The FARGATE element of requiresCompatibilities, when the task must run on Fargate. */
export function fargateNode(root: JsonNode): JsonNode | undefined {
  return compatibilities(root).find((node) => node.value === 'FARGATE');
}

/** The network mode in effect: the one given, else ECS's default (bridge on Linux EC2). */
export function networkMode(root: JsonNode): string {
  return stringAt(root, 'networkMode') ?? 'bridge';
}

/** Windows tasks (runtimePlatform.operatingSystemFamily WINDOWS_…). */
export function isWindows(root: JsonNode): boolean {
  return stringAt(property(root, 'runtimePlatform'), 'operatingSystemFamily')?.startsWith('WINDOWS') ?? false;
}

/**
 * Task-level cpu in CPU units: "1024", "1 vCPU", "0.25 vcpu" (the API takes either). Undefined when
 * absent or not one of those spellings.
 */
export function cpuUnits(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(text);
  if (!match) return undefined;
  return match[2] ? Math.round(Number(match[1]) * 1024) : Number(match[1]);
}

/** Task-level memory in MiB: "2048", "2 GB", "2GB" (the API takes either). */
export function memoryMiB(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i.exec(text);
  if (!match) return undefined;
  return match[2] ? Math.round(Number(match[1]) * 1024) : Number(match[1]);
}
