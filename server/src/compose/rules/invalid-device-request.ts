import { isJsonMap, type Json } from '../document';
import { rangeAt, servicesOf, type ComposeRule } from '../rule';
import type { YamlPath } from '../../yaml/parse';

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * GPU and device reservations (deploy.resources.reservations.devices, gpus): compose-go decodes `count`
 * as "all" (any case) or a base-10 integer, and refuses `count` with `device_ids` (validation.go
 * checkDeviceRequest). Jobs share the decoding, not the exclusivity check.
 */
export const invalidDeviceRequestRule: ComposeRule = {
  id: 'InvalidDeviceRequest',
  severity: 'error',
  doc: 'A GPU or device reservation whose count is neither an integer nor "all", or that sets both count and device_ids.',
  appliesTo: 'file',
  tool: 'compose',
  check({ compose, report }) {
    const visit = (requests: Json | undefined, path: YamlPath, exclusive: boolean) => {
      if (!Array.isArray(requests)) return;
      requests.forEach((request, index) => {
        if (!isJsonMap(request)) return;
        const at = [...path, index];
        const where = `${path.join('.')}[${index}]`;
        if (typeof request.count === 'string' && !isDeviceCount(request.count)) {
          report(rangeAt(compose, [...at, 'count']), `${where}.count: invalid value ${JSON.stringify(request.count)}, the only value allowed is 'all' or a number.`);
        }
        if (exclusive && request.count !== undefined && request.device_ids !== undefined) {
          report(rangeAt(compose, [...at, 'device_ids'], 'key'), `${where}: "count" and "device_ids" attributes are exclusive: reserve a number of devices, or name them.`);
        }
      });
    };
    for (const section of ['services', 'jobs'] as const) {
      for (const [name, def] of servicesOf(compose, section)) {
        const service = section === 'services';
        visit(def.gpus, [section, name, 'gpus'], service);
        const deploy = def.deploy;
        const reservations = service && isJsonMap(deploy) && isJsonMap(deploy.resources) ? deploy.resources.reservations : undefined;
        if (isJsonMap(reservations)) visit(reservations.devices, [section, name, 'deploy', 'resources', 'reservations', 'devices'], true);
      }
    }
  },
};

/** types.DeviceCount: "all" in any case, or what strconv.ParseInt(s, 10, 64) reads. */
function isDeviceCount(value: string): boolean {
  if (value.toLowerCase() === 'all') return true;
  if (!/^[-+]?[0-9]+$/.test(value)) return false;
  const n = BigInt(value);
  return n <= MAX_INT64 && n >= -MAX_INT64 - 1n;
}
