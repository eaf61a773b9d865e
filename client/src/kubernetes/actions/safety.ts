// Guards for destructive actions: protected contexts need their name typed; Secret values stay
// hidden until asked for and are decoded only on request.
import type { KubeObject } from '../resources/types';

/** `*` matches any run of characters; matching is exact otherwise. */
export function isProtectedContext(context: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(context);
  });
}

export type Confirmation = { kind: 'none' } | { kind: 'confirm'; message: string } | { kind: 'type-name'; expected: string; message: string };

/** What the user must do before a destructive action. */
export function confirmationFor(action: string, target: string, context: string, protectedPatterns: readonly string[], destructive = true): Confirmation {
  if (isProtectedContext(context, protectedPatterns)) {
    return { kind: 'type-name', expected: context, message: `"${context}" is a protected context. Type its name to ${action} ${target}.` };
  }
  return destructive ? { kind: 'confirm', message: `${action[0]!.toUpperCase()}${action.slice(1)} ${target} in context "${context}"?` } : { kind: 'none' };
}

export function confirmationAccepts(c: Confirmation, answer: string | undefined): boolean {
  if (c.kind === 'none') return true;
  if (c.kind === 'type-name') return answer === c.expected;
  return answer !== undefined;
}

export const HIDDEN = '••••••••';

/** A copy of a Secret whose values are masked (keys stay visible). */
export function maskSecret(secret: KubeObject): KubeObject {
  const copy = structuredClone(secret);
  for (const field of ['data', 'stringData'] as const) {
    const values = copy[field] as Record<string, string> | undefined;
    if (values) for (const k of Object.keys(values)) values[k] = HIDDEN;
  }
  // last-applied-configuration carries the values too.
  if (copy.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']) copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = HIDDEN;
  delete copy.metadata.managedFields;
  return copy;
}

/** One decoded value, on request. */
export function revealSecretValue(secret: KubeObject, key: string): string {
  const data = secret.data as Record<string, string> | undefined;
  const value = data?.[key];
  if (value === undefined) throw new Error(`Secret ${secret.metadata.name} has no key "${key}"`);
  return Buffer.from(value, 'base64').toString('utf8');
}
