import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { portName } from '../validation/names';
import { POD_SPEC_KINDS, asArray, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';

const PORT_RANGE = 'must be between 1 and 65535, inclusive';

/** containerPort required and in 1–65535, hostPort in range when set, port names IANA_SVC_NAME. */
export const invalidPortRule: KubeRule = {
  id: 'KubeInvalidPort',
  severity: 'error',
  doc: 'Container ports out of 1–65535, missing containerPort, or a port name that is not an IANA service name.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      asArray(c.container.ports).forEach((port, i) => {
        const path = [...c.path, 'ports', i];
        // A null entry (a bare `-`) decodes to a ContainerPort with every field zero.
        if (port === null) return ctx.report(path, `ports[${i}].containerPort: Required value`);
        if (!isRecord(port)) return;
        if (typeof port.name === 'string' && port.name) {
          const problem = portName(port.name);
          if (problem) ctx.report([...path, 'name'], `ports[${i}].name: Invalid value: "${port.name}": ${problem}`);
        }
        // `containerPort:` with no value is null, which decodes to 0 like an absent one.
        if (port.containerPort === undefined || port.containerPort === null || port.containerPort === 0)
          ctx.report(port.containerPort === undefined ? path : [...path, 'containerPort'], `ports[${i}].containerPort: Required value`, { part: port.containerPort === null ? 'key' : 'value' });
        else if (typeof port.containerPort === 'number' && (port.containerPort < 1 || port.containerPort > 65535)) ctx.report([...path, 'containerPort'], `ports[${i}].containerPort: Invalid value: ${port.containerPort}: ${PORT_RANGE}`);
        if (typeof port.hostPort === 'number' && port.hostPort !== 0 && (port.hostPort < 1 || port.hostPort > 65535)) ctx.report([...path, 'hostPort'], `ports[${i}].hostPort: Invalid value: ${port.hostPort}: ${PORT_RANGE}`);
      });
    }
  },
};
