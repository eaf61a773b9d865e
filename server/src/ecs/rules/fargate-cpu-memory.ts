import { nodeRange } from '../../json/parse';
import { property, rangeOfKey, stringAt } from '../model';
import type { EcsRule } from '../rule';
import { cpuUnits, fargateNode, isWindows, memoryMiB } from '../task';

/**
 * The task sizes Fargate offers (Amazon ECS Developer Guide, "Task CPU and memory"): for each cpu, the memory
 * range in MiB and its step. 8 and 16 vCPU need Linux platform 1.4.0; Windows starts at 1 vCPU.
 */
const SIZES: Record<number, [min: number, max: number, step: number]> = {
  256: [512, 2048, 512],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

function allowed(cpu: number): string {
  const [min, max, step] = SIZES[cpu];
  // 0.25 vCPU: 512, 1024 and 2048 only.
  if (cpu === 256) return '512, 1024 or 2048 MiB';
  return `${min}–${max} MiB in steps of ${step}`;
}

export const fargateCpuMemoryRule: EcsRule = {
  id: 'EcsFargateCpuMemory',
  severity: 'error',
  doc: 'A Fargate task needs task-level cpu and memory, as one of the pairs Fargate offers (256 CPU units with 512–2048 MiB, 1024 with 2–8 GB, …).',
  appliesTo: 'task',
  check({ def, root, report }) {
    const fargate = fargateNode(root);
    if (!fargate) return;
    const cpuText = stringAt(root, 'cpu');
    const memoryText = stringAt(root, 'memory');
    if (cpuText === undefined || memoryText === undefined) {
      // A number there is the model's type error; only a missing value is this rule's.
      const missing = ['cpu', 'memory'].filter((key) => !property(root, key));
      if (missing.length) report(nodeRange(def.file.document, fargate), `A Fargate task needs task-level ${missing.map((k) => `"${k}"`).join(' and ')} (a string such as "256" and "512").`);
      return;
    }
    const cpu = cpuUnits(cpuText);
    const memory = memoryMiB(memoryText);
    if (cpu === undefined || !Object.hasOwn(SIZES, cpu) || (isWindows(root) && cpu < 1024)) {
      const offered = isWindows(root) ? '1024, 2048, 4096, 8192 or 16384' : '256, 512, 1024, 2048, 4096, 8192 or 16384';
      report(rangeOfKey(def, root, 'cpu'), `Fargate offers task cpu ${offered} CPU units (or "1 vCPU" …), not "${cpuText}".`);
      return;
    }
    const [min, max, step] = SIZES[cpu];
    const fits = memory !== undefined && memory >= min && memory <= max && (cpu === 256 ? [512, 1024, 2048].includes(memory) : (memory - min) % step === 0);
    if (!fits) report(rangeOfKey(def, root, 'memory'), `With cpu "${cpuText}" Fargate offers memory ${allowed(cpu)}, not "${memoryText}".`);
  },
};
