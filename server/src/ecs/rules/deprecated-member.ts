import { nodeRange } from '../../json/parse';
import type { EcsRule } from '../rule';

export const deprecatedMemberRule: EcsRule = {
  id: 'EcsDeprecatedMember',
  severity: 'warning',
  doc: 'A member the model marks deprecated (inferenceAccelerators: Elastic Inference is no longer offered).',
  appliesTo: 'model',
  check({ def, model, report }) {
    for (const { key, member, step } of model.visits) {
      if (!key || !member?.deprecated) continue;
      report(nodeRange(def.file.document, key), `"${step}" is deprecated${typeof member.deprecated === 'string' ? `: ${member.deprecated.replace(/\.$/, '')}` : ''}.`);
    }
  },
};
