import { rangeOfOffsets } from '../../yaml/parse';
import type { HelmRule } from '../rule';

export const valuesUnusedRule: HelmRule = {
  id: 'HelmValuesUnused',
  severity: 'warning',
  doc: "A key of the chart's values.yaml that no template of the chart or its subcharts reads (not told for charts with packed subcharts, nor for `global` and the subcharts' own keys).",
  appliesTo: 'values',
  check(ctx) {
    for (const entry of ctx.unread ?? []) {
      const path = entry.keys.join('.');
      ctx.report(rangeOfOffsets(ctx.file.document, entry.key[0], entry.key[1]), `No template of the chart or its subcharts reads .Values.${path}: remove it, or use it in a template.`);
    }
  },
};
