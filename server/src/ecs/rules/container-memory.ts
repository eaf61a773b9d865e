import { numberAt, propertyNode, rangeOfKey, stringAt } from '../model';
import type { EcsRule } from '../rule';
import { fargateNode, memoryMiB } from '../task';

/** Docker refuses a container memory limit below 6 MiB. */
const DOCKER_MINIMUM_MIB = 6;

export const containerMemoryRule: EcsRule = {
  id: 'EcsContainerMemory',
  severity: 'error',
  doc: "Container memory (hard limit) must exceed memoryReservation and fit the task's memory, with the containers' sum within it; on EC2 without task memory each container needs one of them.",
  appliesTo: 'task',
  check({ def, root, report }) {
    const taskMemory = memoryMiB(stringAt(root, 'memory'));
    let total = 0;
    for (const container of def.containers) {
      const { node } = container;
      const label = container.name ? `Container "${container.name}"` : `Container ${container.index + 1}`;
      const limit = numberAt(node, 'memory');
      const reservation = numberAt(node, 'memoryReservation');
      if (limit !== undefined && limit < DOCKER_MINIMUM_MIB) report(rangeOfKey(def, node, 'memory'), `${label}: memory ${limit} MiB is below Docker's minimum of ${DOCKER_MINIMUM_MIB} MiB.`);
      if (limit !== undefined && reservation !== undefined && reservation > limit) {
        report(rangeOfKey(def, node, 'memoryReservation'), `${label}: memoryReservation (${reservation} MiB) must not exceed memory (${limit} MiB), the hard limit.`);
      }
      const own = limit ?? reservation;
      if (taskMemory !== undefined && own !== undefined && own > taskMemory) {
        report(rangeOfKey(def, node, limit !== undefined ? 'memory' : 'memoryReservation'), `${label}: ${own} MiB is more than the task's memory (${taskMemory} MiB).`);
      }
      if (taskMemory === undefined && own === undefined && !fargateNode(root) && !propertyNode(node, 'memory') && !propertyNode(node, 'memoryReservation')) {
        report(rangeOfKey(def, node, 'name'), `${label} needs "memory" or "memoryReservation" (MiB): the task has no task-level memory.`);
      }
      total += reservation ?? limit ?? 0;
    }
    if (taskMemory !== undefined && total > taskMemory) {
      report(rangeOfKey(def, root, 'memory'), `The containers reserve ${total} MiB together, more than the task's memory (${taskMemory} MiB).`);
    }
  },
};
