import { nodeRange } from '../../json/parse';
import { items, property } from '../model';
import type { EcsRule } from '../rule';
import type { JsonNode } from '../../json/parse';

export const undefinedContainerRule: EcsRule = {
  id: 'EcsUndefinedContainer',
  severity: 'error',
  doc: 'dependsOn containerName, links and volumesFrom sourceContainer must name a container of the same task definition.',
  appliesTo: 'task',
  check({ def, report }) {
    const names = new Set(def.containers.flatMap((c) => (c.name === undefined ? [] : [c.name])));
    const check = (node: JsonNode | undefined, name: string | undefined, what: string, self: string | undefined) => {
      if (!node || name === undefined) return;
      if (name === self) report(nodeRange(def.file.document, node), `${what} names the container itself ("${name}").`);
      else if (!names.has(name)) report(nodeRange(def.file.document, node), `${what} names "${name}", which is not a container of this task definition${names.size ? ` (${[...names].map((n) => `"${n}"`).join(', ')})` : ''}.`);
    };
    for (const { node, name: self } of def.containers) {
      for (const dep of items(property(node, 'dependsOn'))) {
        const target = property(dep, 'containerName');
        check(target, target?.type === 'string' ? target.value : undefined, 'dependsOn', self);
      }
      for (const link of items(property(node, 'links'))) {
        // "name" or "name:alias".
        if (link.type === 'string') check(link, (link.value as string).split(':')[0], 'links', self);
      }
      for (const from of items(property(node, 'volumesFrom'))) {
        const source = property(from, 'sourceContainer');
        check(source, source?.type === 'string' ? source.value : undefined, 'volumesFrom', self);
      }
    }
  },
};
