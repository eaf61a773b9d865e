// Helm releases as Helm v3/v4 store them: one Secret (type helm.sh/release.v1, label owner=helm) or
// ConfigMap per revision, named sh.helm.release.v1.<name>.v<revision>, whose `release` key holds
// base64(gzip(JSON of the release)) (a Secret's data adds Kubernetes' own base64 on top). Decoding is
// bounded: a release is at most 1 MiB in etcd, so anything that inflates past MAX_RELEASE_BYTES is
// refused rather than held.
import * as zlib from 'node:zlib';
import type { KubeObject } from '../resources/types';

export const RELEASE_SECRET_TYPE = 'helm.sh/release.v1';
export const RELEASE_LABEL_SELECTOR = 'owner=helm';
const MAX_RELEASE_BYTES = 64 << 20;
const GZIP_MAGIC = [0x1f, 0x8b];

/** The fields of Helm's release JSON (pkg/release/v1) the explorer reads. */
export interface StoredRelease {
  name: string;
  namespace: string;
  version: number;
  info?: { first_deployed?: string; last_deployed?: string; deleted?: string; description?: string; status?: string; notes?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string; description?: string } };
  /** The values the user supplied (helm get values). */
  config?: Record<string, unknown>;
  manifest?: string;
  hooks?: Array<{ name?: string; kind?: string; path?: string; manifest?: string; events?: string[] }>;
}

/** The payload of one storage object, decoded; throws a message naming the object when it is not a release. */
export function decodeReleaseObject(obj: KubeObject): StoredRelease {
  const ref = `${obj.kind ?? 'object'} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
  const raw = obj.data?.release;
  if (typeof raw !== 'string' || !raw) throw new Error(`${ref} has no "release" key: not a Helm release`);
  // A Secret's data is base64 of Helm's base64 text; a ConfigMap's data is Helm's text itself.
  const text = obj.kind === 'ConfigMap' ? raw : Buffer.from(raw, 'base64').toString('latin1');
  return decodeReleasePayload(text, ref);
}

/** base64(gzip(JSON)) → release; plain JSON is accepted as Helm's decoder accepts it. */
export function decodeReleasePayload(text: string, ref = 'release'): StoredRelease {
  const bytes = Buffer.from(text, 'base64');
  let json: Buffer;
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      json = zlib.gunzipSync(bytes, { maxOutputLength: MAX_RELEASE_BYTES });
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `inflates past ${MAX_RELEASE_BYTES >> 20} MiB` : (err as Error).message;
      throw new Error(`${ref}: the release payload is not valid gzip (${why})`);
    }
  } else json = bytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (err) {
    throw new Error(`${ref}: the release payload is not JSON (${(err as Error).message})`);
  }
  const r = parsed as StoredRelease;
  if (!r || typeof r !== 'object' || typeof r.name !== 'string' || typeof r.version !== 'number') throw new Error(`${ref}: the release payload has no name/version`);
  return r;
}

/** base64(gzip(JSON)) as Helm writes it (tests build storage objects with it). */
export function encodeReleasePayload(release: StoredRelease): string {
  return zlib.gzipSync(Buffer.from(JSON.stringify(release), 'utf8')).toString('base64');
}
