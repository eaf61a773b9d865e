import { composeSupport } from './compose';
import { LanguageRegistry } from './core/registry';
import { dockerfileSupport } from './dockerfile';
import { ecsSupport } from './ecs';
import { helmSupport } from './helm';
import { kubernetesSupport } from './kubernetes';
import { kustomizeSupport } from './kustomize';
import { yamlSyntaxSupport } from './yaml/syntax-support';

/** Every language service, in one registry shared by the server and the CLI. */
export function createRegistry(): LanguageRegistry {
  return new LanguageRegistry([dockerfileSupport, composeSupport, kubernetesSupport, helmSupport, kustomizeSupport, ecsSupport, yamlSyntaxSupport(['yaml'])]);
}
