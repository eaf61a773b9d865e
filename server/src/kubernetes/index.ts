import type { LanguageSupport } from '../core/language';
import { yamlSyntaxSupport } from '../yaml/syntax-support';

/** Kubernetes language service: YAML syntax for now; schemas and API-server rules are built in this folder. */
export const kubernetesSupport: LanguageSupport = yamlSyntaxSupport(['kubernetes']);
