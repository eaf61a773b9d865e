import { fieldPath, type KubeRule, type KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord, isSet } from '../model/documents';
import { qualifiedName } from '../validation/names';
import { quantityValue } from '../validation/quantity';
import { POD_SPEC_KINDS, asArray, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';
import { minorOf } from '../schema/store';

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Validates one ResourceRequirements block like validateResourceRequirements (container flavour). */
function checkRequirements(ctx: KubeRuleContext, path: YamlPath, requirements: Record<string, unknown>): void {
  const limits = isRecord(requirements.limits) ? requirements.limits : {};
  const requests = isRecord(requirements.requests) ? requirements.requests : {};
  for (const [section, values] of [
    ['limits', limits],
    ['requests', requests],
  ] as const) {
    for (const [name, raw] of Object.entries(values)) {
      const at = [...path, section, name];
      const problem = qualifiedName(name);
      if (problem) {
        ctx.report(at, `${section}[${name}]: Invalid value: "${name}": ${problem}`, { part: 'key' });
        continue;
      }
      if (!name.includes('/') && !STANDARD.has(name) && !name.startsWith('hugepages-')) {
        ctx.report(at, `${section}[${name}]: Invalid value: "${name}": must be a standard resource for containers`, { part: 'key' });
        continue;
      }
      const value = quantityValue(raw);
      if (value === undefined) continue; // the schema check reports malformed quantities
      if (value < 0) ctx.report(at, `${section}[${name}]: Invalid value: "${String(raw)}": must be greater than or equal to 0`);
      else if (!isNative(name) && !Number.isInteger(value)) ctx.report(at, `${section}[${name}]: Invalid value: "${String(raw)}": must be an integer`);
    }
  }
  for (const [name, raw] of Object.entries(requests)) {
    const request = quantityValue(raw);
    if (request === undefined) continue;
    const overcommit = isNative(name) && !name.startsWith('hugepages-');
    if (name in limits) {
      const limit = quantityValue(limits[name]);
      if (limit === undefined) continue;
      if (!overcommit && request !== limit) ctx.report([...path, 'requests', name], `requests: Invalid value: "${String(raw)}": must be equal to ${name} limit of ${String(limits[name])}`);
      else if (request > limit) ctx.report([...path, 'requests', name], `requests: Invalid value: "${String(raw)}": must be less than or equal to ${name} limit of ${String(limits[name])}`);
    } else if (!overcommit) {
      ctx.report([...path, 'requests', name], `limits: Required value: Limit must be set for non overcommitable resources`, { part: 'key' });
    }
  }
  const hasHugePages = [...Object.keys(limits), ...Object.keys(requests)].some((n) => n.startsWith('hugepages-'));
  const hasCpuOrMemory = [...Object.keys(limits), ...Object.keys(requests)].some((n) => n === 'cpu' || n === 'memory');
  if (hasHugePages && !hasCpuOrMemory) ctx.report(path, 'resources: Forbidden: HugePages require cpu or memory', { part: 'key' });
}

/** Container resources.claims must name entries of the pod's resourceClaims. */
function checkClaims(ctx: KubeRuleContext, path: YamlPath, claims: unknown, declared: string[]): void {
  asArray(claims).forEach((claim, i) => {
    const name = isRecord(claim) ? claim.name : undefined;
    if (typeof name !== 'string' || !name || declared.includes(name)) return;
    ctx.report([...path, i, 'name'], `${fieldPath([...path, i])}: Not found: "${name}": must be one of the names in pod.spec.resourceClaims${declared.length ? `: ${[...declared].sort().join(', ')}` : ' which is empty'}`);
  });
}

/** Pod-level resources: cpu, memory and hugepages only, no claims, then the container checks. */
function checkPodLevel(ctx: KubeRuleContext, path: YamlPath, resources: Record<string, unknown>): void {
  // A nil check in the API server: `claims: []` decodes to an empty, non-nil list and is refused; `null` is nil.
  if (isSet(resources.claims)) ctx.report([...path, 'claims'], `${fieldPath(path)}.claims: Forbidden: claims may not be set for Resources at pod-level`, { part: 'key' });
  const supported = (name: string) => name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
  const kept: Record<string, unknown> = {};
  for (const section of ['limits', 'requests'] as const) {
    const values = isRecord(resources[section]) ? (resources[section] as Record<string, unknown>) : {};
    kept[section] = Object.fromEntries(
      Object.entries(values).filter(([name]) => {
        if (supported(name)) return true;
        ctx.report([...path, section, name], `${fieldPath(path)}.${section}[${name}]: Unsupported value: "${name}": supported values: "cpu", "hugepages-", "memory"`, { part: 'key' });
        return false;
      }),
    );
  }
  checkRequirements(ctx, path, kept);
}

/** Resource names, non-negative quantities, requests ≤ limits (= for extended resources). */
export const resourcesRule: KubeRule = {
  id: 'KubeResources',
  severity: 'error',
  doc: 'Container and pod-level resources: unknown resource names, negative quantities, requests above limits, extended resources not integer or requests ≠ limits, claims the pod does not declare.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    // PodLevelResources and DynamicResourceAllocation are on by default from 1.34; a 1.33 server drops
    // pod-level resources and resource claims before validating.
    const gated = minorOf(ctx.version) >= 34;
    const claimNames = asArray(pod.spec.resourceClaims)
      .map((c) => (isRecord(c) ? c.name : undefined))
      .filter((n): n is string => typeof n === 'string');
    for (const c of containersOf(pod)) {
      if (!isRecord(c.container.resources)) continue;
      checkRequirements(ctx, [...c.path, 'resources'], c.container.resources);
      if (gated) checkClaims(ctx, [...c.path, 'resources', 'claims'], c.container.resources.claims, claimNames);
    }
    if (gated && isRecord(pod.spec.resources)) checkPodLevel(ctx, [...pod.path, 'resources'], pod.spec.resources);
  },
};
