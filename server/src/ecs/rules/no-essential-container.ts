import { nodeRange } from '../../json/parse';
import { property, propertyNode } from '../model';
import type { EcsRule } from '../rule';

export const noEssentialContainerRule: EcsRule = {
  id: 'EcsNoEssentialContainer',
  severity: 'error',
  doc: 'A task definition needs at least one essential container (essential defaults to true); ECS refuses one where every container says false.',
  appliesTo: 'task',
  check({ def, root, report }) {
    if (!def.containers.length) return;
    const essential = def.containers.some((c) => property(c.node, 'essential')?.value !== false);
    if (essential) return;
    const key = propertyNode(root, 'containerDefinitions')!.children![0];
    report(nodeRange(def.file.document, key), 'Every container has "essential": false; at least one must be essential (remove the false or set true on the main container).');
  },
};
