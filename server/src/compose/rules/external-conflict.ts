import { isJsonMap, type Json } from '../document';
import { rangeAt, type ComposeRule } from '../rule';

/**
 * The top-level sections compose-go's checkExternal covers (validation/volume.go: volumes.* only); docker/cli's
 * stack loader (LoadVolumes, externalVolumeError) refuses the same for stacks.
 */
const SECTIONS = ['volumes'] as const;

/** What an external resource may still carry: compose does not create it, so nothing else applies. */
const ALLOWED = new Set(['name', 'external']);

/**
 * `external: true` beside driver, driver_opts or labels: compose-go refuses the project (conflicting
 * parameters). Judged on the merged project, so a driver added by an override file is caught too; reported
 * in this file on the conflicting key, or on `external` when only the other file sets one.
 */
export const externalConflictRule: ComposeRule = {
  id: 'ExternalConflict',
  severity: 'error',
  doc: 'An external volume also sets driver, driver_opts or labels, which only apply to a volume Compose creates.',
  appliesTo: 'file',
  check({ compose, project, report }) {
    for (const section of SECTIONS) {
      const own = compose.model[section];
      const merged = project.merged[section];
      if (!isJsonMap(own) || !isJsonMap(merged)) continue;
      for (const [name, mine] of Object.entries(own)) {
        const def = merged[name];
        if (!isJsonMap(def) || !isExternal(def.external)) continue;
        const conflicting = Object.keys(def).filter((key) => !ALLOWED.has(key) && !key.startsWith('x-'));
        if (!conflicting.length) continue;
        const here = isJsonMap(mine) ? conflicting.filter((key) => key in mine) : [];
        const message = (key: string) =>
          `${section}.${name}: conflicting parameters "external" and "${key}" specified: an external ${section.slice(0, -1)} already exists, so Compose does not create it; remove "${key}", or remove "external" to let Compose create it.`;
        if (here.length) for (const key of here) report(rangeAt(compose, [section, name, key], 'key'), message(key));
        else if (isJsonMap(mine) && 'external' in mine) report(rangeAt(compose, [section, name, 'external'], 'key'), message(conflicting[0]));
      }
    }
  },
};

/** external as compose-go reads it after interpolation: true, a yes-like string, or the legacy {name} form. */
export function isExternal(value: Json | undefined): boolean {
  if (isJsonMap(value)) return true;
  if (typeof value === 'string') return ['y', 'yes', 'true', 'on'].includes(value.toLowerCase());
  return value === true;
}
