import { nodeRange } from '../../json/parse';
import { propertyNode } from '../model';
import type { EcsRule } from '../rule';
import { fargateNode, networkMode } from '../task';

export const fargateNetworkModeRule: EcsRule = {
  id: 'EcsFargateNetworkMode',
  severity: 'error',
  doc: 'A task for Fargate (requiresCompatibilities FARGATE) must use networkMode awsvpc, the only mode Fargate supports.',
  appliesTo: 'task',
  check({ def, root, report }) {
    const fargate = fargateNode(root);
    const mode = networkMode(root);
    if (!fargate || mode === 'awsvpc') return;
    const given = propertyNode(root, 'networkMode')?.children?.[1];
    if (given) report(nodeRange(def.file.document, given), `Fargate supports only the awsvpc network mode, not "${mode}": set "networkMode": "awsvpc".`);
    else report(nodeRange(def.file.document, fargate), 'A Fargate task needs "networkMode": "awsvpc" (without it ECS uses bridge, which Fargate refuses).');
  },
};
