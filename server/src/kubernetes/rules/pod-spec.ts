import type { KubeRule, KubeRuleContext } from '../rule';
import { isRecord, isSet } from '../model/documents';
import { dns1123Label, dns1123Subdomain } from '../validation/names';
import { POD_SPEC_KINDS, containersOf, podSpecOf, type ContainerAt } from '../validation/pod-spec';
import { statefulSetTemplateUnvalidated } from '../validation/pod-template';
import { minorOf } from '../schema/store';

const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/**
 * A container's own restartPolicy. Before 1.35 (feature ContainerRestartRules off) only init containers may
 * set it, and only to Always (a sidecar); from 1.35 every container may use Always, OnFailure or Never.
 */
function checkContainerRestartPolicy(ctx: KubeRuleContext, c: ContainerAt, where: string): void {
  const policy = c.container.restartPolicy;
  if (policy === undefined || policy === null || c.group === 'ephemeralContainers') return;
  const rules = minorOf(ctx.version) >= 35;
  if (!rules && c.group === 'containers') {
    ctx.report([...c.path, 'restartPolicy'], `${where}.restartPolicy: Forbidden: may not be set for non-init containers (before Kubernetes 1.35)`, { part: 'key' });
    return;
  }
  const supported = rules ? CONTAINER_RESTART_POLICIES : ['Always'];
  if (typeof policy === 'string' && !supported.includes(policy)) {
    ctx.report([...c.path, 'restartPolicy'], `${where}.restartPolicy: Unsupported value: "${policy}": supported values: ${supported.map((v) => `"${v}"`).join(', ')}`);
  }
}

/** Pod-level and container-level checks of ValidatePodSpec that the schema cannot express. */
export const podSpecRule: KubeRule = {
  id: 'KubePodSpec',
  severity: 'error',
  doc: 'Pod spec: container names not DNS labels, container restartPolicy not allowed in the target version, image missing, image with surrounding spaces, bad hostname/subdomain/hostnameOverride/serviceAccountName, dnsPolicy None without dnsConfig, invalid deadlines.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = podSpecOf(ctx.kind, ctx.value);
    if (!pod) return;
    const spec = pod.spec;
    const at = pod.path.join('.');
    // Checked by ValidateStatefulSetSpec itself, also while the template went unvalidated (before 1.34).
    if ((ctx.kind === 'StatefulSet' || ctx.kind === 'DaemonSet') && isSet(spec.activeDeadlineSeconds))
      ctx.report([...pod.path, 'activeDeadlineSeconds'], `${at}.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ${ctx.kind} is not Supported`, { part: 'key' });
    if (statefulSetTemplateUnvalidated(ctx.kind, ctx.version)) return;
    if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
      if (spec.containers !== undefined) ctx.report([...pod.path, 'containers'], `${at}.containers: Required value`, { part: 'key' });
    }
    for (const c of containersOf(pod)) {
      const where = `${c.group}[${String(c.path[c.path.length - 1])}]`;
      const name = c.container.name;
      if (typeof name === 'string' && name) {
        const problem = dns1123Label(name);
        if (problem) ctx.report([...c.path, 'name'], `${where}.name: Invalid value: "${name}": ${problem}`);
      }
      checkContainerRestartPolicy(ctx, c, where);
      const image = c.container.image;
      if (image === undefined || image === '' || image === null) ctx.report(c.path, `${where}.image: Required value`, { data: { insert: 'image' } });
      else if (ctx.kind === 'Pod' && typeof image === 'string' && image.trim() !== image) ctx.report([...c.path, 'image'], `${where}.image: Invalid value: "${image}": must not have leading or trailing whitespace`);
    }
    for (const field of ['hostname', 'subdomain'] as const) {
      const v = spec[field];
      if (typeof v === 'string' && v) {
        const problem = dns1123Label(v);
        if (problem) ctx.report([...pod.path, field], `${at}.${field}: Invalid value: "${v}": ${problem}`);
      }
    }
    // hostnameOverride (feature HostnameOverride) is on by default from 1.35; older servers drop it.
    const override = spec.hostnameOverride;
    if (typeof override === 'string' && minorOf(ctx.version) >= 35) {
      const at2 = [...pod.path, 'hostnameOverride'];
      if (spec.setHostnameAsFQDN === true) ctx.report(at2, `${at}.hostnameOverride: Forbidden: may not be specified when setHostnameAsFQDN is true`, { part: 'key' });
      if (spec.hostNetwork === true) ctx.report(at2, `${at}.hostnameOverride: Forbidden: may not be specified when hostNetwork is true`, { part: 'key' });
      if (override.length > 64) ctx.report(at2, `${at}.hostnameOverride: Too long: may not be more than 64 bytes`);
      const problem = dns1123Subdomain(override);
      if (problem) ctx.report(at2, `${at}.hostnameOverride: Invalid value: "${override}": ${problem}`);
    }
    for (const field of ['serviceAccountName', 'priorityClassName', 'schedulerName'] as const) {
      const v = spec[field];
      if (typeof v === 'string' && v) {
        const problem = dns1123Subdomain(v);
        if (problem) ctx.report([...pod.path, field], `${at}.${field}: Invalid value: "${v}": ${problem}`);
      }
    }
    if (spec.dnsPolicy === 'None' && !isRecord(spec.dnsConfig)) ctx.report([...pod.path, 'dnsPolicy'], `${at}.dnsConfig: Required value: must provide \`dnsConfig\` when \`dnsPolicy\` is None`);
    if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0)
      ctx.report([...pod.path, 'activeDeadlineSeconds'], `${at}.activeDeadlineSeconds: Invalid value: ${spec.activeDeadlineSeconds}: must be between 1 and 2147483647, inclusive`);
    if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0)
      ctx.report([...pod.path, 'terminationGracePeriodSeconds'], `${at}.terminationGracePeriodSeconds: Invalid value: ${spec.terminationGracePeriodSeconds}: must be greater than or equal to 0`);
    (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((volume, i) => {
      if (!isRecord(volume)) return;
      const sources = Object.keys(volume).filter((k) => k !== 'name' && volume[k] !== null && volume[k] !== undefined);
      if (sources.length > 1) ctx.report([...pod.path, 'volumes', i, sources[1]], `${at}.volumes[${i}].${sources[1]}: Forbidden: may not specify more than 1 volume type`, { part: 'key' });
    });
    if (spec.hostNetwork === true) {
      for (const c of containersOf(pod)) {
        (Array.isArray(c.container.ports) ? c.container.ports : []).forEach((port, i) => {
          if (isRecord(port) && typeof port.hostPort === 'number' && port.hostPort !== 0 && port.hostPort !== port.containerPort) {
            ctx.report([...c.path, 'ports', i, 'hostPort'], `ports[${i}].hostPort: Invalid value: ${port.hostPort}: must match \`containerPort\` when \`hostNetwork\` is true`);
          }
        });
      }
    }
  },
};
