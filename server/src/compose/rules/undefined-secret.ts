import { undefinedReferenceRule } from '../undefined-reference';

/** A secret granted to a service (or its build) but not declared under top-level `secrets`. */
export const undefinedSecretRule = undefinedReferenceRule('secrets', 'UndefinedSecret', 'A service or its build uses a secret that is not declared under top-level secrets.');
