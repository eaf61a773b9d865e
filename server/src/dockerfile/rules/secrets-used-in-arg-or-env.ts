import { argDecls, dispatched, keyValues } from '../model';
import { buildkitUrl, type DockerfileRule, type RuleContext } from '../rule';

export const secretsUsedInArgOrEnvRule: DockerfileRule = {
  id: 'SecretsUsedInArgOrEnv',
  severity: 'warning',
  doc: 'Sensitive data should not be used in the ARG or ENV commands',
  buildkit: true,
  url: buildkitUrl('secrets-used-in-arg-or-env'),
  appliesTo: 'dispatched',
  check,
};

const DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export const isSecretName = (key: string) => DENY.test(key) && !ALLOW.test(key);

function check({ model, report }: RuleContext): void {
  // BuildKit checks ARG and ENV inside stages when it dispatches them (meta ARGs are not dispatched).
  for (const stage of model.stages) {
    for (const ins of dispatched(stage, model)) {
      const keys = ins.name === 'env' ? keyValues(ins).map((kv) => ({ key: kv.key, span: kv.keySpan })) : ins.name === 'arg' ? argDecls(ins).map((d) => ({ key: d.key, span: d.keySpan })) : [];
      for (const { key, span } of keys) {
        if (isSecretName(key)) report(model.range(ins, span), `Do not use ARG or ENV instructions for sensitive data (${ins.name.toUpperCase()} ${JSON.stringify(key)})`);
      }
    }
  }
}
