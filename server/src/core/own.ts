/**
 * Objects indexed by keys that come from a document (YAML keys, field names): `constructor`, `toString` or
 * `__proto__` must be looked up as the document's own keys, never found on Object.prototype, and stored as
 * own properties (assigning `__proto__` would re-parent the object instead).
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function hasOwn(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
