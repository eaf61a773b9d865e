import { isMap, isScalar, isSeq } from 'yaml';
import { rangeOf } from '../../yaml/parse';
import { walkFields } from '../fields';
import type { KustomizeRule } from '../rule';

const EXPECTED: Record<string, string> = { array: 'a list', map: 'a mapping', object: 'a mapping', string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number' };

/** A value of the wrong shape (a string where kustomize decodes a list): the build fails to read the file. */
export const fieldTypeRule: KustomizeRule = {
  id: 'KustomizeFieldType',
  severity: 'error',
  doc: 'A kustomization value of the wrong type (a string for a list, a list for a mapping); kustomize cannot decode it.',
  appliesTo: 'file',
  check({ kustomization, report }) {
    for (const { key, pair, field } of walkFields(kustomization)) {
      const value = pair.value;
      // An empty value (`resources:`) decodes as null, which kustomize accepts for every type.
      if (!field || field.type === 'any' || value === null || (isScalar(value) && value.value === null)) continue;
      const ok = field.type === 'array' ? isSeq(value) : field.type === 'map' || field.type === 'object' ? isMap(value) : isScalar(value) && scalarFits(field.type, value.value);
      if (ok) continue;
      const range = rangeOf(kustomization.file.document, value as never);
      if (range) report(range, `"${key}" must be ${EXPECTED[field.type] ?? field.type}.`);
    }
  },
};

function scalarFits(type: string, value: unknown): boolean {
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'number') return typeof value === 'number';
  // Go's YAML decoder takes a number or a boolean into a string field as its text.
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
