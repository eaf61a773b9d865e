import type { KubeRule } from '../rule';
import { dns1035Label, dns1123Label, dns1123Subdomain, pathSegmentName } from '../validation/names';
import { isRecord } from '../model/documents';
import { minorOf } from '../schema/store';

/** Name validators per kind (ValidateObjectMeta callers in pkg/apis/STAR/validation); default: DNS subdomain. */
const BY_KIND: Record<string, (name: string) => string | undefined> = {
  Namespace: dns1123Label,
  Service: dns1035Label,
  StatefulSet: dns1123Label,
  Role: pathSegmentName,
  ClusterRole: pathSegmentName,
  RoleBinding: pathSegmentName,
  ClusterRoleBinding: pathSegmentName,
  CronJob: (name) => dns1123Subdomain(name) ?? (name.length > 52 ? 'must be no more than 52 characters' : undefined),
};

/** metadata.name (or generateName) present and of the syntax the kind requires; namespace a DNS label. */
export const invalidNameRule: KubeRule = {
  id: 'KubeInvalidName',
  severity: 'error',
  doc: 'metadata.name missing or not a valid name for its kind (RFC 1123 subdomain/label, RFC 1035 label for Services).',
  appliesTo: { objects: 'with-schema' },
  check(ctx) {
    const metadata = ctx.value.metadata;
    if (!isRecord(metadata)) {
      if (ctx.schemas.kindDefinition(ctx.apiVersion, ctx.kind) || ctx.crds.get(ctx.apiVersion, ctx.kind)) {
        ctx.report(['kind'], 'metadata.name: Required value: name or generateName is required');
      }
      return;
    }
    const name = metadata.name;
    // RelaxedServiceNameValidation (beta, on by default from 1.36): Service names are RFC 1123 labels.
    const relaxedService = ctx.kind === 'Service' && minorOf(ctx.version) >= 36;
    const check = relaxedService ? dns1123Label : (BY_KIND[ctx.kind] ?? dns1123Subdomain);
    if (name === undefined || name === null || name === '') {
      if (typeof metadata.generateName !== 'string' || !metadata.generateName) {
        ctx.report(['metadata'], 'metadata.name: Required value: name or generateName is required', { part: 'key' });
      }
    } else if (typeof name === 'string') {
      const problem = check(name);
      if (problem) ctx.report(['metadata', 'name'], `metadata.name: Invalid value: "${name}": ${problem}`);
    }
    const namespace = metadata.namespace;
    if (typeof namespace === 'string' && namespace) {
      const problem = dns1123Label(namespace);
      if (problem) ctx.report(['metadata', 'namespace'], `metadata.namespace: Invalid value: "${namespace}": ${problem}`);
    }
  },
};
