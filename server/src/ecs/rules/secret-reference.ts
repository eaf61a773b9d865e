import { nodeRange } from '../../json/parse';
import type { JsonNode } from '../../json/parse';
import { items, property } from '../model';
import type { EcsRule } from '../rule';

const PARTITION = '(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d';
/** arn:…:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id] */
const SECRET_ARN = new RegExp(`^arn:${PARTITION}:secretsmanager:${REGION}:\\d{12}:secret:[\\w/+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$`);
/** arn:…:ssm:region:account:parameter/name */
const PARAMETER_ARN = new RegExp(`^arn:${PARTITION}:ssm:${REGION}:\\d{12}:parameter/[\\w.\\-/]+$`);
/** A Systems Manager parameter of the task's own region, by name. */
const PARAMETER_NAME = /^[\w.\-/]+$/;

/** Why a valueFrom is refused, or undefined when it names a secret the way ECS reads it. */
function problem(value: string, secretsManagerOnly: boolean): string | undefined {
  if (SECRET_ARN.test(value)) return undefined;
  if (!secretsManagerOnly && PARAMETER_ARN.test(value)) return undefined;
  if (value.startsWith('arn:')) {
    return secretsManagerOnly
      ? 'is not a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)'
      : 'is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key:version-stage:version-id]) nor an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)';
  }
  if (secretsManagerOnly) return 'must be the full ARN of a Secrets Manager secret';
  return PARAMETER_NAME.test(value) ? undefined : 'is not an ARN, and not an SSM parameter name either (letters, digits and _ . - /)';
}

export const secretReferenceRule: EcsRule = {
  id: 'EcsSecretReference',
  severity: 'error',
  doc: 'secrets and secretOptions valueFrom must be a Secrets Manager secret ARN, an SSM parameter ARN or (same region) parameter name; repositoryCredentials a secret ARN.',
  appliesTo: 'task',
  check({ def, report }) {
    const check = (node: JsonNode | undefined, what: string, secretsManagerOnly = false) => {
      if (node?.type !== 'string') return;
      const why = problem(node.value, secretsManagerOnly);
      if (why) report(nodeRange(def.file.document, node), `${what} "${node.value}" ${why}.`);
    };
    for (const { node } of def.containers) {
      for (const secret of items(property(node, 'secrets'))) check(property(secret, 'valueFrom'), 'secrets valueFrom');
      for (const secret of items(property(property(node, 'logConfiguration'), 'secretOptions'))) check(property(secret, 'valueFrom'), 'logConfiguration secretOptions valueFrom');
      check(property(property(node, 'repositoryCredentials'), 'credentialsParameter'), 'repositoryCredentials credentialsParameter', true);
    }
  },
};
