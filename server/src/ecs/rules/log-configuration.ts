import { nodeRange } from '../../json/parse';
import { items, property, propertyNode, stringAt } from '../model';
import type { EcsRule } from '../rule';
import { fargateNode } from '../task';

/** The drivers Fargate supports (Amazon ECS Developer Guide, LogConfiguration). */
const FARGATE_DRIVERS = new Set(['awslogs', 'splunk', 'awsfirelens']);

/** The awslogs options ECS documents, and which it requires. */
const AWSLOGS_OPTIONS = new Set(['awslogs-create-group', 'awslogs-region', 'awslogs-endpoint', 'awslogs-group', 'awslogs-stream-prefix', 'awslogs-datetime-format', 'awslogs-multiline-pattern', 'mode', 'max-buffer-size']);

export const logConfigurationRule: EcsRule = {
  id: 'EcsLogConfiguration',
  severity: 'error',
  doc: 'logConfiguration per driver: Fargate takes awslogs, splunk or awsfirelens; awslogs needs awslogs-group and awslogs-region (and on Fargate awslogs-stream-prefix) and knows only its options; splunk needs splunk-url; awsfirelens needs a FireLens container.',
  appliesTo: 'task',
  check({ def, root, report }) {
    const fargate = Boolean(fargateNode(root));
    const document = def.file.document;
    const firelens = def.containers.some((c) => property(c.node, 'firelensConfiguration'));
    for (const { node, name } of def.containers) {
      const config = property(node, 'logConfiguration');
      const driverNode = property(config, 'logDriver');
      if (driverNode?.type !== 'string') continue;
      const driver = driverNode.value as string;
      const label = name ? `Container "${name}"` : 'This container';
      if (fargate && !FARGATE_DRIVERS.has(driver)) {
        report(nodeRange(document, driverNode), `Fargate supports the awslogs, splunk and awsfirelens log drivers, not "${driver}".`);
        continue;
      }
      const options = property(config, 'options');
      const given = new Set((options?.children ?? []).map((p) => p.children?.[0]?.value as string));
      const secrets = new Set(items(property(config, 'secretOptions')).flatMap((s) => stringAt(s, 'name') ?? []));
      const where = options ? nodeRange(document, propertyNode(config!, 'options')!.children![0]) : nodeRange(document, driverNode);
      const need = (keys: string[]) => {
        const missing = keys.filter((k) => !given.has(k) && !secrets.has(k));
        if (missing.length) report(where, `${label}: the ${driver} log driver needs ${missing.map((k) => `"${k}"`).join(' and ')} in options.`);
      };
      if (driver === 'awslogs') {
        need(fargate ? ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix'] : ['awslogs-group', 'awslogs-region']);
        for (const prop of options?.children ?? []) {
          const key = prop.children?.[0];
          if (key && !AWSLOGS_OPTIONS.has(key.value)) report(nodeRange(document, key), `"${key.value}" is not an awslogs option: the container fails to start ('unknown log opt'). Options: ${[...AWSLOGS_OPTIONS].join(', ')}.`);
        }
      } else if (driver === 'splunk') {
        need(['splunk-url']);
      } else if (driver === 'awsfirelens' && !firelens) {
        report(nodeRange(document, driverNode), `${label} logs through awsfirelens, but no container of the task has a firelensConfiguration (the FireLens log router).`);
      }
    }
  },
};
