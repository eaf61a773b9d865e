import { Scalar } from 'yaml';

export type GoYamlType = 'string' | 'int' | 'float' | 'bool' | 'null' | 'timestamp';

const WORDS: Record<string, GoYamlType> = {
  true: 'bool',
  True: 'bool',
  TRUE: 'bool',
  false: 'bool',
  False: 'bool',
  FALSE: 'bool',
  '': 'null',
  '~': 'null',
  null: 'null',
  Null: 'null',
  NULL: 'null',
  '.nan': 'float',
  '.NaN': 'float',
  '.NAN': 'float',
  '.inf': 'float',
  '.Inf': 'float',
  '.INF': 'float',
  '+.inf': 'float',
  '+.Inf': 'float',
  '+.INF': 'float',
  '-.inf': 'float',
  '-.Inf': 'float',
  '-.INF': 'float',
};
const TAGS: Record<string, GoYamlType> = { int: 'int', float: 'float', bool: 'bool', null: 'null', timestamp: 'timestamp' };

// strconv.ParseInt/ParseUint(s, 0, 64) syntax: a sign, then a 0x / 0o / 0b prefix, a leading-0 octal, or decimal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// go-yaml's timestamp layouts: 2006-1-2, 2006-1-2T15:4:5.999999999Z07:00 (T or t), 2006-1-2 15:4:5.999999999.
const TIMESTAMP = /^[0-9]{4}-([0-9]{1,2})-([0-9]{1,2})(?:[Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})| [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?)?$/;

/**
 * The Go type go-yaml (v3/v4, what compose-go decodes with) gives a scalar decoded into interface{}:
 * quoted and block scalars are strings; plain ones follow its resolver (YAML 1.2 words, Go integer
 * literals with `_` dropped, YAML floats, dates). Not the YAML 1.2 core schema: `0o17`, `017`, `1_000`
 * and `2024-01-02` differ.
 */
export function goYamlType(scalar: Scalar, source: string): GoYamlType {
  const tag = scalar.tag?.replace(/^tag:yaml\.org,2002:|^!!/, '');
  if (tag) return TAGS[tag] ?? 'string';
  if (scalar.type !== Scalar.PLAIN) return 'string';
  if (source in WORDS) return WORDS[source];
  const first = source[0];
  if (first === '.') return YAML_FLOAT.test(source) ? 'float' : 'string';
  if (!/[-+0-9]/.test(first)) return 'string';
  const date = TIMESTAMP.exec(source);
  if (date && Number(date[1]) >= 1 && Number(date[1]) <= 12 && Number(date[2]) >= 1 && Number(date[2]) <= 31) return 'timestamp';
  const plain = source.replace(/_/g, '');
  if (GO_INT.test(plain) && fitsUint64(plain)) return 'int';
  return YAML_FLOAT.test(plain) ? 'float' : 'string';
}

/** ParseUint's range: a decimal literal too big for it still reads as a float; a hex, octal or binary one does not. */
function fitsUint64(literal: string): boolean {
  const digits = literal.replace(/^[-+]/, '');
  if (!/^0[xXoObB]/.test(digits) && !/^0[0-7]/.test(digits)) return true;
  const normalized = /^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits.toLowerCase();
  try {
    return BigInt(normalized) <= 0xffffffffffffffffn;
  } catch {
    return false;
  }
}
