import type { ShapeVisit } from '../walk';

/** What a shape's min and max bound: a number's value, a string's length, a list's or map's size. */
export function measured(visit: ShapeVisit): { value: number; what: (n: number) => string } | undefined {
  const { node, shape } = visit;
  if (!visit.typeOk) return undefined;
  if (node.type === 'number') return { value: node.value, what: (n) => `is ${n}` };
  // botocore measures len() of the Python str: code points, not UTF-16 units.
  if (node.type === 'string') return { value: [...(node.value as string)].length, what: (n) => `has length ${n}` };
  if (shape.type === 'list' || shape.type === 'map') return { value: node.children?.length ?? 0, what: (n) => `has ${n} ${shape.type === 'list' ? 'items' : 'entries'}` };
  return undefined;
}
