import { composeSupport } from './compose';
import { LanguageRegistry } from './core/registry';
import { dockerfileSupport } from './dockerfile';
import { kubernetesSupport } from './kubernetes';
import { yamlSyntaxSupport } from './yaml/syntax-support';

/** Every language service, in one registry shared by the server and the CLI. */
export function createRegistry(): LanguageRegistry {
  return new LanguageRegistry([
    dockerfileSupport,
    composeSupport,
    kubernetesSupport,
    // Helm templates are Go templates, not YAML: detected and listed, never parsed as YAML.
    yamlSyntaxSupport(['yaml', 'kustomization', 'helm-chart', 'helm-values']),
  ]);
}
