import type { JSONPath } from 'jsonc-parser';
import { ecsShape, type EcsMember, type EcsShape, member, ROOT_SHAPE } from './schema';

export interface ShapeAt {
  shape: EcsShape;
  name: string;
  /** The member whose value this is, when the last step is a structure member. */
  member?: EcsMember;
}

/** The model shape at a JSON path of the request, or undefined where the path leaves the model. */
export function shapeAtPath(path: JSONPath): ShapeAt | undefined {
  let at: ShapeAt = { shape: ecsShape(ROOT_SHAPE), name: ROOT_SHAPE };
  for (const step of path) {
    const { shape } = at;
    if (typeof step === 'number') {
      if (shape.type !== 'list') return undefined;
      at = { shape: ecsShape(shape.member!), name: shape.member! };
    } else if (shape.type === 'map') {
      at = { shape: ecsShape(shape.value!), name: shape.value! };
    } else {
      const ref = shape.type === 'structure' ? member(shape, step) : undefined;
      if (!ref) return undefined;
      at = { shape: ecsShape(ref.shape), name: ref.shape, member: ref };
    }
  }
  return at;
}
