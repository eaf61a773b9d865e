import { undefinedReferenceRule } from '../undefined-reference';

/** A named volume mounted by a service but not declared under top-level `volumes`. */
export const undefinedVolumeRule = undefinedReferenceRule('volumes', 'UndefinedVolume', 'A service mounts a named volume that is not declared under top-level volumes.');
