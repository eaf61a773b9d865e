/**
 * Docker image reference grammar (github.com/distribution/reference, ParseNormalizedNamed): what BuildKit
 * accepts as a base image or `--from` image.
 */
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  name: string;
  tag?: string;
  digest?: string;
}

/** Parses `name[:tag][@digest]`; null when BuildKit would reject it ("invalid reference format"). */
export function parseImageReference(ref: string): ImageReference | null {
  if (!ref || ref.length > 255 + 128) return null;
  const m = REFERENCE.exec(ref);
  if (!m) return null;
  // ParseNormalizedNamed: the repository part must be lower-case and not look like a 64-hex id.
  const name = m[1];
  const slash = name.indexOf('/');
  const remote = slash >= 0 && /[.:]|^localhost$/.test(name.slice(0, slash)) ? name.slice(slash + 1) : name;
  if (remote !== remote.toLowerCase()) return null;
  if (/^[a-f0-9]{64}$/.test(name)) return null;
  return { name, tag: m[2], digest: m[3] };
}

/** Docker Hub (or registry) page for a reference, for document links. */
export function imageUrl(ref: ImageReference): string | null {
  const first = ref.name.split('/')[0];
  const hasDomain = ref.name.includes('/') && /[.:]|^localhost$/.test(first);
  if (hasDomain) {
    if (first === 'ghcr.io' || first === 'quay.io' || first === 'mcr.microsoft.com' || first === 'gcr.io') return `https://${ref.name}`;
    return null;
  }
  if (!ref.name.includes('/')) return `https://hub.docker.com/_/${ref.name}`;
  return `https://hub.docker.com/r/${ref.name}`;
}
