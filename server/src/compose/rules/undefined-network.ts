import { undefinedReferenceRule } from '../undefined-reference';

/** A network joined by a service but not declared under top-level `networks` (`default` is implicit). */
export const undefinedNetworkRule = undefinedReferenceRule('networks', 'UndefinedNetwork', 'A service joins a network that is not declared under top-level networks.');
