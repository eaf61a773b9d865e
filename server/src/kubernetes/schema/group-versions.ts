import { schemasFor } from './store';

/** The apiVersions the bundled schemas of a cluster's version cover ("v1.36.3" → "v1", "apps/v1", …): those need no /openapi/v3 document. */
export function bundledGroupVersions(serverVersion: string): string[] {
  const set = new Set<string>();
  for (const key of schemasFor(serverVersion.replace(/^v/, '')).kinds()) set.add(key.slice(0, key.lastIndexOf('/')));
  return [...set].sort();
}
