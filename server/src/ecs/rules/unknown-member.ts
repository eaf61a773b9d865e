import { closest } from '../../core/suggest';
import { nodeRange } from '../../json/parse';
import type { EcsRule } from '../rule';
import { OUTPUT_ONLY } from '../schema';
import { pathName } from '../walk';

/** The API refuses members its model does not have (botocore before sending: "Unknown parameter"). */
export const unknownMemberRule: EcsRule = {
  id: 'EcsUnknownMember',
  severity: 'error',
  doc: 'A member RegisterTaskDefinition does not have; the API (and botocore before it) refuses the request.',
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const { key, parent } of model.unknown) {
      const name = key.value as string;
      const range = nodeRange(def.file.document, key);
      const { shapeName, shape } = parent;
      if (!parent.parent && OUTPUT_ONLY.has(name)) {
        report(range, `"${name}" is what DescribeTaskDefinition returns, not a RegisterTaskDefinition parameter: registering this file fails with 'Unknown parameter'. Remove it.`);
        continue;
      }
      const guess = closest(name, Object.keys(shape.members ?? {}));
      const where = parent.parent ? ` in ${pathName(parent.path)}` : '';
      report(range, `Unknown member "${name}"${where} (${shapeName} has no such member): the API refuses it.${guess ? ` Did you mean "${guess}"?` : ''}`);
    }
  },
};
