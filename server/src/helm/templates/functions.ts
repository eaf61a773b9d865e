// The functions a template can call: generated from Helm's own function map (schemas/helm/functions.json,
// see schemas/PROVENANCE.md), each with its Go signature and documentation.
import generated from '../../../../schemas/helm/functions.json';

export interface TemplateFunction {
  name: string;
  signature: string;
  doc?: string;
  source: 'helm' | 'sprig' | 'text/template';
}

export const FUNCTIONS: readonly TemplateFunction[] = generated as TemplateFunction[];
const byName = new Map(FUNCTIONS.map((f) => [f.name, f]));

export function templateFunction(name: string): TemplateFunction | undefined {
  return byName.get(name);
}
