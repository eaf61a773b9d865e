import type { KubeRule } from '../rule';
import { isRecord } from '../model/documents';
import { dns1123Subdomain, pathSegmentName } from '../validation/names';
import { asArray } from '../validation/pod-spec';

const GROUP = 'rbac.authorization.k8s.io';

/** RBAC: rules with verbs and api groups, roleRef kind/apiGroup, subjects by kind (ValidateRoleBindingSubject). */
export const rbacRule: KubeRule = {
  id: 'KubeRbac',
  severity: 'error',
  doc: 'RBAC: rules without verbs or api groups, non-resource URLs in a Role, a roleRef to something other than a (Cluster)Role, malformed subjects.',
  appliesTo: { objects: 'built-in' },
  check(ctx) {
    if (!ctx.apiVersion.startsWith(`${GROUP}/`)) return;
    const namespaced = ctx.kind === 'Role' || ctx.kind === 'RoleBinding';
    if (ctx.kind === 'Role' || ctx.kind === 'ClusterRole') {
      asArray(ctx.value.rules).forEach((rule, i) => {
        if (!isRecord(rule)) return;
        const at = ['rules', i];
        const has = (k: string) => asArray(rule[k]).length > 0;
        if (!has('verbs')) ctx.report(at, `rules[${i}].verbs: Required value: verbs must contain at least one value`);
        if (has('nonResourceURLs')) {
          if (namespaced) ctx.report([...at, 'nonResourceURLs'], `rules[${i}].nonResourceURLs: Invalid value: namespaced rules cannot apply to non-resource URLs`, { part: 'key' });
          else if (has('apiGroups') || has('resources') || has('resourceNames'))
            ctx.report([...at, 'nonResourceURLs'], `rules[${i}].nonResourceURLs: Invalid value: rules cannot apply to both regular resources and non-resource URLs`, { part: 'key' });
          return;
        }
        if (!has('apiGroups')) ctx.report(at, `rules[${i}].apiGroups: Required value: resource rules must supply at least one api group`);
        else if (!has('resources')) ctx.report(at, `rules[${i}].resources: Required value: resource rules must supply at least one resource`);
      });
    }
    if (ctx.kind !== 'RoleBinding' && ctx.kind !== 'ClusterRoleBinding') return;
    const ref = ctx.value.roleRef;
    if (isRecord(ref)) {
      if (ref.apiGroup !== GROUP) ctx.report(['roleRef', 'apiGroup'], `roleRef.apiGroup: Unsupported value: "${String(ref.apiGroup ?? '')}": supported values: "${GROUP}"`, { data: { replace: GROUP } });
      const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
      if (typeof ref.kind === 'string' && !kinds.includes(ref.kind)) ctx.report(['roleRef', 'kind'], `roleRef.kind: Unsupported value: "${ref.kind}": supported values: ${kinds.map((k) => `"${k}"`).join(', ')}`);
      if (typeof ref.name === 'string' && ref.name) {
        const problem = pathSegmentName(ref.name);
        if (problem) ctx.report(['roleRef', 'name'], `roleRef.name: Invalid value: "${ref.name}": ${problem}`);
      }
    }
    asArray(ctx.value.subjects).forEach((subject, i) => {
      if (!isRecord(subject)) return;
      const at = ['subjects', i];
      if (typeof subject.name !== 'string' || !subject.name) ctx.report(at, `subjects[${i}].name: Required value`);
      switch (subject.kind) {
        case 'ServiceAccount':
          if (typeof subject.name === 'string' && subject.name) {
            const problem = dns1123Subdomain(subject.name);
            if (problem) ctx.report([...at, 'name'], `subjects[${i}].name: Invalid value: "${subject.name}": ${problem}`);
          }
          if (typeof subject.apiGroup === 'string' && subject.apiGroup) ctx.report([...at, 'apiGroup'], `subjects[${i}].apiGroup: Unsupported value: "${subject.apiGroup}": supported values: ""`);
          if (!namespaced && !subject.namespace) ctx.report(at, `subjects[${i}].namespace: Required value`);
          break;
        case 'User':
        case 'Group':
          if (typeof subject.apiGroup === 'string' && subject.apiGroup && subject.apiGroup !== GROUP) ctx.report([...at, 'apiGroup'], `subjects[${i}].apiGroup: Unsupported value: "${subject.apiGroup}": supported values: "${GROUP}"`);
          break;
        default:
          ctx.report([...at, 'kind'], `subjects[${i}].kind: Unsupported value: "${String(subject.kind ?? '')}": supported values: "ServiceAccount", "User", "Group"`);
      }
    });
  },
};
