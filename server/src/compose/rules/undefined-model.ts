import { undefinedReferenceRule } from '../undefined-reference';

/** An AI model used by a service but not declared under top-level `models`. */
export const undefinedModelRule = undefinedReferenceRule('models', 'UndefinedModel', 'A service uses a model that is not declared under top-level models.', 'error', 'compose');
