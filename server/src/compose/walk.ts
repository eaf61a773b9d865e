import { isJsonMap, type Json } from './document';
import { own } from '../core/own';

/** The value at a nested key path of a service definition, or undefined. */
export function valueAt(root: Json | undefined, ...keys: (string | number)[]): Json | undefined {
  let current: Json | undefined = root;
  for (const key of keys) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isJsonMap(current) && typeof key === 'string') current = own(current, key);
    else return undefined;
  }
  return current;
}
