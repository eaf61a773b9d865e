import { nodeRange } from '../../json/parse';
import { items, numberAt, property, propertyNode } from '../model';
import type { EcsRule } from '../rule';
import { networkMode } from '../task';

export const portMappingRule: EcsRule = {
  id: 'EcsPortMapping',
  severity: 'error',
  doc: 'Port mappings per network mode: with awsvpc or host, hostPort is omitted or equals containerPort; with none there are no port mappings.',
  appliesTo: 'task',
  check({ def, root, report }) {
    const mode = networkMode(root);
    const document = def.file.document;
    for (const container of def.containers) {
      const mappings = property(container.node, 'portMappings');
      if (mode === 'none' && items(mappings).length) {
        report(nodeRange(document, propertyNode(container.node, 'portMappings')!.children![0]), 'With networkMode "none" a container has no network to map ports on: remove portMappings.');
        continue;
      }
      if (mode !== 'awsvpc' && mode !== 'host') continue;
      for (const mapping of items(mappings)) {
        const hostPort = numberAt(mapping, 'hostPort');
        const containerPort = numberAt(mapping, 'containerPort');
        if (hostPort === undefined || hostPort === containerPort) continue;
        const key = propertyNode(mapping, 'hostPort')!.children![1];
        report(nodeRange(document, key), `With networkMode "${mode}" hostPort must be omitted or equal containerPort (${containerPort ?? 'unset'}), not ${hostPort}.`);
      }
    }
  },
};
