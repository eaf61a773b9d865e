import { isRecord } from '../model/documents';

/** Does a LabelSelector match labels? undefined when the selector is malformed (other rules report it). */
export function selectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean | undefined {
  if (isRecord(selector.matchLabels)) {
    for (const [key, value] of Object.entries(selector.matchLabels)) if (String(labels[key]) !== String(value) || !(key in labels)) return false;
  }
  if (Array.isArray(selector.matchExpressions)) {
    for (const expression of selector.matchExpressions) {
      if (!isRecord(expression) || typeof expression.key !== 'string') return undefined;
      const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
      const has = expression.key in labels;
      const value = has ? String(labels[expression.key]) : undefined;
      switch (expression.operator) {
        case 'In':
          if (!has || !values.includes(value as string)) return false;
          break;
        case 'NotIn':
          if (has && values.includes(value as string)) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return undefined;
      }
    }
  }
  return true;
}

/** A Service-style selector (plain map): every pair present in labels. */
export function mapSelectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  return Object.entries(selector).every(([key, value]) => key in labels && String(labels[key]) === String(value));
}
