import type { LanguageSupport } from '../core/language';
import { validateManifest } from './engine';
import { ALL_KUBE_RULES } from './rules/all';

/** Kubernetes manifests: bundled per-version schemas, API-server validation rules, cross-file checks. */
export const kubernetesSupport: LanguageSupport = {
  kinds: ['kubernetes'],
  rules: ALL_KUBE_RULES,
  validate: (file, ctx) => validateManifest(file, ctx),
};
