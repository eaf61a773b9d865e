// Compares two `yaml` trees node by node: what the block reader must reproduce of the full parser.
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/** The first difference between two documents, as "path: what", or undefined when equal. */
export function treeDifference(expected: Document.Parsed, actual: Document.Parsed): string | undefined {
  if (expected.errors.length || expected.warnings.length) return `document: the full parser reports ${expected.errors[0]?.code ?? expected.warnings[0]?.code}`;
  if (String(expected.range) !== String(actual.range)) return `document range ${expected.range} vs ${actual.range}`;
  if (Boolean(expected.directives?.docStart) !== Boolean(actual.directives?.docStart)) return 'document: docStart differs';
  return nodeDifference(expected.contents, actual.contents, '$');
}

function nodeDifference(a: unknown, b: unknown, path: string): string | undefined {
  if (a === null || b === null || a === undefined || b === undefined) return a === b ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  const ca = (a as object).constructor.name;
  const cb = (b as object).constructor.name;
  if (ca !== cb) return `${path}: ${ca} vs ${cb}`;
  if (isPair(a) && isPair(b)) return nodeDifference(a.key, b.key, `${path}.key`) ?? nodeDifference(a.value, b.value, `${path}.value`);
  const ra = (a as { range?: unknown }).range;
  const rb = (b as { range?: unknown }).range;
  if (String(ra) !== String(rb)) return `${path}: range ${String(ra)} vs ${String(rb)}`;
  if (isScalar(a) && isScalar(b)) {
    for (const field of ['type', 'source', 'format', 'minFractionDigits', 'tag'] as const) {
      if ((a as never)[field] !== (b as never)[field]) return `${path}: ${field} ${JSON.stringify((a as never)[field])} vs ${JSON.stringify((b as never)[field])}`;
    }
    if (!Object.is(a.value, b.value)) return `${path}: value ${JSON.stringify(a.value)} vs ${JSON.stringify(b.value)}`;
    return undefined;
  }
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    if (Boolean(a.flow) !== Boolean(b.flow)) return `${path}: flow ${a.flow} vs ${b.flow}`;
    if (a.items.length !== b.items.length) return `${path}: ${a.items.length} items vs ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const d = nodeDifference(a.items[i], b.items[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: unexpected node ${ca}`;
}
