import type { ComposeRule } from '../rule';
import { yamlAliasLimitRule } from './yaml-alias-limit';
import { buildPathNotFoundRule } from './build-path-not-found';
import { conflictingAttributesRule } from './conflicting-attributes';
import { dependencyCycleRule } from './dependency-cycle';
import { invalidDeviceRequestRule } from './invalid-device-request';
import { dependsOnDisabledServiceRule } from './depends-on-disabled-service';
import { duplicatePublishedPortRule } from './duplicate-published-port';
import { emptyComposeFileRule } from './empty-compose-file';
import { envFileNotFoundRule } from './env-file-not-found';
import { externalConflictRule } from './external-conflict';
import { externalNameConflictRule } from './external-name-conflict';
import { extendsNotFoundRule } from './extends-not-found';
import { fileNotReadRule } from './file-not-read';
import { secretConfigSourceRule } from './secret-config-source';
import { healthcheckMissingRule } from './healthcheck-missing';
import { invalidHealthcheckTestRule } from './invalid-healthcheck-test';
import { includeCycleRule } from './include-cycle';
import { invalidByteSizeRule } from './invalid-byte-size';
import { invalidCpusRule } from './invalid-cpus';
import { invalidDeployValueRule } from './invalid-deploy-value';
import { invalidDurationRule } from './invalid-duration';
import { invalidPortRule } from './invalid-port';
import { invalidRestartPolicyRule } from './invalid-restart-policy';
import { invalidVolumeSpecRule } from './invalid-volume-spec';
import { invalidInterpolatedValueRule } from './invalid-interpolated-value';
import { invalidInterpolationRule } from './invalid-interpolation';
import { missingImageOrBuildRule } from './missing-image-or-build';
import { nonStringKeyRule } from './non-string-key';
import { obsoleteVersionRule } from './obsolete-version';
import { platformNotInBuildPlatformsRule } from './platform-not-in-build-platforms';
import { requiredVariableRule } from './required-variable';
import { schemaRule } from './schema';
import { stackSchemaRule } from './stack-schema';
import { stackForbiddenKeyRule } from './stack-forbidden-key';
import { stackIgnoredKeyRule } from './stack-ignored-key';
import { stackDeployValueRule } from './stack-deploy-value';
import { stackPlacementRule } from './stack-placement';
import { stackPublishedPortRule } from './stack-published-port';
import { stackNetworkDriverRule } from './stack-network-driver';
import { stackImageRule } from './stack-image';
import { stackSecretSourceRule } from './stack-secret-source';
import { stackIgnoredOptionRule } from './stack-ignored-option';
import { swarmIgnoredKeyRule } from './swarm-ignored-key';
import { swarmOnlyDeployKeyRule } from './swarm-only-deploy-key';
import { undefinedConfigRule } from './undefined-config';
import { undefinedModelRule } from './undefined-model';
import { undefinedNetworkRule } from './undefined-network';
import { undefinedSecretRule } from './undefined-secret';
import { undefinedServiceRule } from './undefined-service';
import { undefinedVariableRule } from './undefined-variable';
import { undefinedVolumeRule } from './undefined-volume';
import { unsetEnvironmentEntryRule } from './unset-environment-entry';

export const COMPOSE_RULES: readonly ComposeRule[] = [
  emptyComposeFileRule,
  yamlAliasLimitRule,
  schemaRule,
  invalidInterpolationRule,
  invalidInterpolatedValueRule,
  requiredVariableRule,
  undefinedVariableRule,
  undefinedServiceRule,
  undefinedVolumeRule,
  undefinedNetworkRule,
  undefinedSecretRule,
  undefinedConfigRule,
  undefinedModelRule,
  dependencyCycleRule,
  dependsOnDisabledServiceRule,
  unsetEnvironmentEntryRule,
  invalidPortRule,
  invalidVolumeSpecRule,
  invalidDurationRule,
  invalidByteSizeRule,
  invalidCpusRule,
  invalidRestartPolicyRule,
  invalidDeployValueRule,
  invalidHealthcheckTestRule,
  conflictingAttributesRule,
  secretConfigSourceRule,
  missingImageOrBuildRule,
  fileNotReadRule,
  extendsNotFoundRule,
  envFileNotFoundRule,
  healthcheckMissingRule,
  obsoleteVersionRule,
  buildPathNotFoundRule,
  duplicatePublishedPortRule,
  swarmOnlyDeployKeyRule,
  swarmIgnoredKeyRule,
  nonStringKeyRule,
  externalConflictRule,
  externalNameConflictRule,
  invalidDeviceRequestRule,
  includeCycleRule,
  platformNotInBuildPlatformsRule,
  // Stack files only (tool: 'stack'): docker/cli's stack loader and converter, the swarm manager.
  stackForbiddenKeyRule,
  stackSchemaRule,
  stackIgnoredKeyRule,
  stackImageRule,
  stackDeployValueRule,
  stackPlacementRule,
  stackPublishedPortRule,
  stackNetworkDriverRule,
  stackSecretSourceRule,
  stackIgnoredOptionRule,
];

/** Codes Docker Compose itself meets only at `docker compose up` (see ComposeRule.atUp). */
export const UP_TIME_CODES: ReadonlySet<string> = new Set(COMPOSE_RULES.filter((rule) => rule.atUp).map((rule) => rule.id));
