/** Name and key syntax from k8s.io/apimachinery/pkg/util/validation. Each returns an error text or undefined. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** A check of most name kinds: at most `max` characters, matching `pattern`; the API server's message otherwise. */
function lengthAndPattern(max: number, pattern: RegExp, message: string): (value: string) => string | undefined {
  return (value) => (value.length > max ? `must be no more than ${max} characters` : pattern.test(value) ? undefined : message);
}

export const dns1123Label = lengthAndPattern(63, DNS1123_LABEL, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");

export const dns1123Subdomain = lengthAndPattern(253, DNS1123_SUBDOMAIN, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character");

export const dns1035Label = lengthAndPattern(63, DNS1035_LABEL, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character");

/** Label and annotation keys: [prefix/]name, prefix a DNS subdomain, name ≤ 63 characters. */
export function qualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    if (!parts[0]) return 'prefix part must be non-empty';
    const prefix = dns1123Subdomain(parts[0]);
    if (prefix) return `prefix part ${prefix}`;
    name = parts[1];
  } else if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'";
  }
  if (!name) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

export const labelValue = lengthAndPattern(63, LABEL_VALUE, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");

/** Port names (IANA_SVC_NAME): ≤ 15 characters, lowercase alphanumerics and '-', at least one letter. */
export function portName(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!IANA_SVC_NAME.test(value)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

export function configMapKey(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_KEY.test(value)) return "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  if (value === '.' || value === '..') return `must not be '${value}'`;
  if (value.startsWith('..')) return "must not start with '..'";
  return undefined;
}

/** Names of RBAC objects and other path-segment names: anything but '.', '..', '/' and '%'. */
export function pathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (value.includes('/')) return "may not contain '/'";
  if (value.includes('%')) return "may not contain '%'";
  return undefined;
}
