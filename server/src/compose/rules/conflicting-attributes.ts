import { isJsonMap, type Json } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import { valueAt } from '../walk';

/** Pairs of attributes compose-go refuses together (checkConsistency): mutually exclusive or set to different values. */
export const conflictingAttributesRule: ComposeRule = {
  id: 'ConflictingAttributes',
  severity: 'error',
  doc: 'Two attributes docker compose refuses together, e.g. network_mode with networks, or scale different from deploy.replicas.',
  appliesTo: 'enabled-services',
  tool: 'compose',
  check({ compose, report }) {
    for (const [name, def] of servicesOf(compose)) {
      const at = (...keys: string[]) => rangeAt(compose, ['services', name, ...keys], 'key');
      const conflict = (keys: string[], message: string) => report(at(...keys), message);
      if (def.network_mode !== undefined && def.networks !== undefined) conflict(['networks'], `Service "${name}": network_mode and networks are mutually exclusive.`);
      if (isJsonMap(def.build) && def.build.dockerfile !== undefined && def.build.dockerfile_inline !== undefined)
        conflict(['build', 'dockerfile_inline'], `Service "${name}": build.dockerfile and build.dockerfile_inline are mutually exclusive.`);
      const replicas = valueAt(def, 'deploy', 'replicas');
      if (def.scale !== undefined && replicas !== undefined && differ(def.scale, replicas)) conflict(['scale'], `Service "${name}": scale and deploy.replicas have different values.`);
      const pairs: [string, string[]][] = [
        ['cpus', ['deploy', 'resources', 'limits', 'cpus']],
        ['mem_limit', ['deploy', 'resources', 'limits', 'memory']],
        ['mem_reservation', ['deploy', 'resources', 'reservations', 'memory']],
        ['pids_limit', ['deploy', 'resources', 'limits', 'pids']],
      ];
      for (const [key, deploy] of pairs) {
        const other = valueAt(def, ...deploy);
        if (def[key] !== undefined && other !== undefined && differ(def[key], other)) conflict([key], `Service "${name}": ${key} and ${deploy.join('.')} have different values.`);
      }
      const count = typeof def.scale === 'number' ? def.scale : typeof replicas === 'number' ? replicas : 1;
      if (def.container_name !== undefined && count > 1) conflict(['container_name'], `Service "${name}": container_name must be unique, so the service cannot have ${count} replicas.`);
    }
  },
};

function differ(a: Json, b: Json): boolean {
  return String(a).toLowerCase() !== String(b).toLowerCase();
}
