import { undefinedReferenceRule } from '../undefined-reference';

/** A config granted to a service but not declared under top-level `configs`. */
export const undefinedConfigRule = undefinedReferenceRule('configs', 'UndefinedConfig', 'A service uses a config that is not declared under top-level configs.');
