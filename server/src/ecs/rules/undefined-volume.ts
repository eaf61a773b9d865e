import { nodeRange } from '../../json/parse';
import { items, property, stringAt } from '../model';
import type { EcsRule } from '../rule';

export const undefinedVolumeRule: EcsRule = {
  id: 'EcsUndefinedVolume',
  severity: 'error',
  doc: "A mountPoints sourceVolume must name a volume of the task definition's volumes.",
  appliesTo: 'task',
  check({ def, root, report }) {
    const volumes = new Set(items(property(root, 'volumes')).flatMap((v) => stringAt(v, 'name') ?? []));
    for (const { node } of def.containers) {
      for (const mount of items(property(node, 'mountPoints'))) {
        const source = property(mount, 'sourceVolume');
        if (source?.type !== 'string' || volumes.has(source.value)) continue;
        report(nodeRange(def.file.document, source), `mountPoints names volume "${source.value}", which the task's volumes do not define${volumes.size ? ` (${[...volumes].map((n) => `"${n}"`).join(', ')})` : ''}.`);
      }
    }
  },
};
