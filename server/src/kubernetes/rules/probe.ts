import type { KubeRule, KubeRuleContext } from '../rule';
import type { YamlPath } from '../../yaml/parse';
import { isRecord, isSet } from '../model/documents';
import { portName } from '../validation/names';
import { POD_SPEC_KINDS, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function checkPort(ctx: KubeRuleContext, path: YamlPath, port: unknown): void {
  if (port === undefined) return ctx.report(path.slice(0, -1), `${String(path[path.length - 2])}.port: Required value`, { part: 'key' });
  if (typeof port === 'number' && (port < 1 || port > 65535)) ctx.report(path, `port: Invalid value: ${port}: must be between 1 and 65535, inclusive`);
  if (typeof port === 'string') {
    const problem = portName(port);
    if (problem) ctx.report(path, `port: Invalid value: "${port}": ${problem}`);
  }
}

function checkHandler(ctx: KubeRuleContext, path: YamlPath, handler: Record<string, unknown>, kinds: readonly string[], what: string): void {
  const present = kinds.filter((k) => handler[k] !== undefined && handler[k] !== null);
  if (present.length === 0) ctx.report(path, `${what}: Required value: must specify a handler type`, { part: 'key' });
  for (const extra of present.slice(1)) ctx.report([...path, extra], `${what}.${extra}: Forbidden: may not specify more than 1 handler type`, { part: 'key' });
  for (const type of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const action = handler[type];
    if (isRecord(action)) {
      if (type === 'grpc') {
        if (typeof action.port === 'number' && (action.port < 1 || action.port > 65535)) ctx.report([...path, type, 'port'], `grpc.port: Invalid value: ${action.port}: must be between 1 and 65535, inclusive`);
      } else checkPort(ctx, [...path, type, 'port'], action.port);
    }
  }
  const exec = handler.exec;
  if (isRecord(exec) && (!Array.isArray(exec.command) || exec.command.length === 0)) ctx.report([...path, 'exec'], `${what}.exec.command: Required value`, { part: 'key' });
}

/** Probes and lifecycle hooks: exactly one handler, valid ports, non-negative timings, successThreshold 1 where required. */
export const probeRule: KubeRule = {
  id: 'KubeProbe',
  severity: 'error',
  doc: 'A probe or lifecycle hook with no handler or more than one, an invalid port, negative timings, or successThreshold ≠ 1 on liveness/startup probes.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const probe = c.container[kind];
        if (!isRecord(probe)) continue;
        const path = [...c.path, kind];
        if (c.group === 'initContainers' && c.container.restartPolicy !== 'Always') {
          ctx.report(path, `initContainers.${kind}: Forbidden: may not be set for init containers without restartPolicy=Always`, { part: 'key' });
          continue;
        }
        checkHandler(ctx, path, probe, PROBE_HANDLERS, kind);
        for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
          const n = probe[field];
          if (typeof n === 'number' && n < 0) ctx.report([...path, field], `${kind}.${field}: Invalid value: ${n}: must be greater than or equal to 0`);
        }
        if (kind !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
          ctx.report([...path, 'successThreshold'], `${kind}.successThreshold: Invalid value: ${probe.successThreshold}: must be 1`);
        }
        if (kind === 'readinessProbe' && isSet(probe.terminationGracePeriodSeconds)) {
          ctx.report([...path, 'terminationGracePeriodSeconds'], `readinessProbe.terminationGracePeriodSeconds: Invalid value: must not be set for readinessProbes`, { part: 'key' });
        }
        if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0 && kind !== 'readinessProbe') {
          ctx.report([...path, 'terminationGracePeriodSeconds'], `${kind}.terminationGracePeriodSeconds: Invalid value: must be greater than 0`);
        }
      }
      const lifecycle = c.container.lifecycle;
      if (isRecord(lifecycle)) {
        for (const hook of ['postStart', 'preStop'] as const) {
          if (isRecord(lifecycle[hook])) checkHandler(ctx, [...c.path, 'lifecycle', hook], lifecycle[hook] as Record<string, unknown>, LIFECYCLE_HANDLERS, `lifecycle.${hook}`);
        }
      }
    }
  },
};
