import { fieldPath, type KubeRule, type KubeRuleContext } from '../rule';
import { isRecord } from '../model/documents';
import { configMapKey, dns1123Subdomain } from '../validation/names';
import { POD_SPEC_KINDS, asArray, containersOf } from '../validation/pod-spec';
import { validatedPodSpec } from '../validation/pod-template';
import { minorOf } from '../schema/store';

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];
const FIELD_PATHS = new Set(['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
const PRINTABLE = /^[\x20-\x7e]+$/;
const C_IDENTIFIER = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Whether the target's schema has EnvVarSource.fileKeyRef at all (where it has not, the schema check reports it). */
function fileKeyRefKnown(ctx: KubeRuleContext): boolean {
  return ctx.schemas.definition('io.k8s.api.core.v1.EnvVarSource')?.p?.fileKeyRef !== undefined;
}

/** env names, value XOR valueFrom, exactly one valueFrom source, envFrom with one source. */
export const envRule: KubeRule = {
  id: 'KubeEnv',
  severity: 'error',
  doc: 'Environment variables: name required and valid, value and valueFrom together, valueFrom with zero or several sources, envFrom without exactly one source.',
  appliesTo: { objects: 'built-in', kinds: POD_SPEC_KINDS },
  check(ctx) {
    const pod = validatedPodSpec(ctx);
    if (!pod) return;
    // Relaxed names (any printable ASCII but '=') are on by default from 1.32 on.
    const relaxed = minorOf(ctx.version) >= 32;
    for (const c of containersOf(pod)) {
      asArray(c.container.env).forEach((env, i) => {
        if (!isRecord(env)) return;
        const path = [...c.path, 'env', i];
        const name = env.name;
        if (name === undefined || name === '') ctx.report(path, `env[${i}].name: Required value`);
        else if (typeof name === 'string') {
          const bad = relaxed ? !PRINTABLE.test(name) || name.includes('=') : !C_IDENTIFIER.test(name);
          if (bad)
            ctx.report(
              [...path, 'name'],
              relaxed
                ? `env[${i}].name: Invalid value: "${name}": a valid environment variable name must consist only of printable ASCII characters other than '='`
                : `env[${i}].name: Invalid value: "${name}": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`,
            );
        }
        const from = env.valueFrom;
        if (!isRecord(from)) return;
        // fileKeyRef (feature EnvFiles) is off by default before 1.35: a 1.34 server drops it before validating.
        const fileKeyDropped = minorOf(ctx.version) < 35 && isRecord(from.fileKeyRef) && fileKeyRefKnown(ctx);
        const sources = SOURCES.filter((s) => from[s] !== undefined && from[s] !== null && !(s === 'fileKeyRef' && fileKeyDropped));
        if (fileKeyDropped && sources.length === 0) {
          ctx.report([...path, 'valueFrom', 'fileKeyRef'], `env[${i}].valueFrom.fileKeyRef: Forbidden: Kubernetes ${ctx.version} drops fileKeyRef (feature EnvFiles, on by default from 1.35), leaving valueFrom without a source`, {
            part: 'key',
          });
          return;
        }
        // From 1.35 the env file must sit in one of the pod's emptyDir volumes.
        const fileKey = from.fileKeyRef;
        if (minorOf(ctx.version) >= 35 && isRecord(fileKey) && typeof fileKey.volumeName === 'string' && fileKey.volumeName) {
          const volume = asArray(pod.spec.volumes).find((v) => isRecord(v) && v.name === fileKey.volumeName);
          const at = [...path, 'valueFrom', 'fileKeyRef', 'volumeName'];
          if (!isRecord(volume)) ctx.report(at, `${fieldPath(at)}: Not found: "${fileKey.volumeName}"`);
          else if (volume.emptyDir === undefined) ctx.report(at, `${fieldPath(at)}: Invalid value: "${fileKey.volumeName}": referenced volume must be of type emptyDir`);
        }
        if (typeof env.value === 'string' && env.value !== '') ctx.report([...path, 'valueFrom'], `env[${i}].valueFrom: Invalid value: "": may not be specified when \`value\` is not empty`, { part: 'key' });
        if (sources.length === 0) ctx.report([...path, 'valueFrom'], `env[${i}].valueFrom: Invalid value: "": must specify one of: \`fieldRef\`, \`resourceFieldRef\`, \`configMapKeyRef\` or \`secretKeyRef\``, { part: 'key' });
        if (sources.length > 1) ctx.report([...path, 'valueFrom', sources[1]], `env[${i}].valueFrom: Invalid value: "": may not have more than one field specified at a time`, { part: 'key' });
        for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
          const selector = from[ref];
          if (!isRecord(selector)) continue;
          if (typeof selector.key === 'string') {
            const problem = configMapKey(selector.key);
            if (problem) ctx.report([...path, 'valueFrom', ref, 'key'], `${ref}.key: Invalid value: "${selector.key}": ${problem}`);
          }
          if (selector.name === undefined || selector.name === '') ctx.report([...path, 'valueFrom', ref], `${ref}.name: Required value`, { part: 'key' });
          else if (typeof selector.name === 'string') {
            const problem = dns1123Subdomain(selector.name);
            if (problem) ctx.report([...path, 'valueFrom', ref, 'name'], `${ref}.name: Invalid value: "${selector.name}": ${problem}`);
          }
        }
        const fieldRef = from.fieldRef;
        if (isRecord(fieldRef) && typeof fieldRef.fieldPath === 'string') {
          const fp = fieldRef.fieldPath;
          const ok = FIELD_PATHS.has(fp) || /^metadata\.(labels|annotations)\['[^']+'\]$/.test(fp);
          if (!ok) ctx.report([...path, 'valueFrom', 'fieldRef', 'fieldPath'], `fieldRef.fieldPath: Unsupported value: "${fp}"`);
        }
      });
      asArray(c.container.envFrom).forEach((source, i) => {
        if (!isRecord(source)) return;
        const count = ['configMapRef', 'secretRef'].filter((k) => source[k] !== undefined && source[k] !== null).length;
        const path = [...c.path, 'envFrom', i];
        if (count === 0) ctx.report(path, `envFrom[${i}]: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``);
        if (count > 1) ctx.report([...path, 'secretRef'], `envFrom[${i}]: Invalid value: "": may not have more than one field specified at a time`, { part: 'key' });
      });
    }
  },
};
