/** resource.Quantity parsing as k8s.io/apimachinery/pkg/api/resource does it (value only, for comparisons). */
// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the same strings, but with no way to split a run of digits between two
// loops, so a 40k-digit value that fails at its end costs one pass, not n² (6.2 s measured).
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const SUFFIX: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function isValidQuantity(text: string): boolean {
  return QUANTITY.test(text);
}

/** Numeric value of a quantity string or number; undefined when it does not parse. */
export function quantityValue(input: unknown): number | undefined {
  if (typeof input === 'number') return input;
  if (typeof input !== 'string') return undefined;
  const match = QUANTITY.exec(input);
  if (!match) return undefined;
  const [, sign, number, suffix, exponent] = match;
  let value = Number(number);
  if (suffix) value *= SUFFIX[suffix];
  if (exponent) value *= 10 ** Number(exponent);
  return sign === '-' ? -value : value;
}
