import generated from './schema.generated.json';

/** One member of a structure: its shape, its documentation, whether the model deprecates it. */
export interface EcsMember {
  shape: string;
  doc?: string;
  deprecated?: string | true;
}

/** A shape of botocore's ecs model (schemas/ecs/generate.mjs keeps what the checks and hover read). */
export interface EcsShape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'boolean' | 'double' | 'float';
  doc?: string;
  members?: Record<string, EcsMember>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
}

const SHAPES = generated.shapes as unknown as Record<string, EcsShape>;

/** Where the model comes from, for hover and docs. */
export const MODEL_SOURCE: string = generated.source;
export const ROOT_SHAPE: string = generated.root;
/** Members DescribeTaskDefinition returns that RegisterTaskDefinition refuses (a saved describe output). */
export const OUTPUT_ONLY: ReadonlySet<string> = new Set(generated.outputOnly);

export function ecsShape(name: string): EcsShape {
  const shape = Object.hasOwn(SHAPES, name) ? SHAPES[name] : undefined;
  if (!shape) throw new Error(`ECS model has no shape ${name}`);
  return shape;
}

export function member(shape: EcsShape, name: string): EcsMember | undefined {
  return shape.members && Object.hasOwn(shape.members, name) ? shape.members[name] : undefined;
}

/** The JSON types a shape takes (botocore: Python's types after json.loads). */
export function jsonTypeOf(shape: EcsShape): 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' {
  switch (shape.type) {
    case 'structure':
    case 'map':
      return 'object';
    case 'list':
      return 'array';
    case 'integer':
    case 'long':
      return 'integer';
    case 'double':
    case 'float':
      return 'number';
    default:
      return shape.type;
  }
}
