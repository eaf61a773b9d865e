import type { ComposeRule } from '../rule';
import { aliasExpansionRule } from './yaml-alias-limit';
import { buildContextRule } from './build-path-not-found';
import { conflictingAttributesRule } from './conflicting-attributes';
import { dependencyCycleRule } from './dependency-cycle';
import { deviceRequestRule } from './invalid-device-request';
import { disabledDependencyRule } from './depends-on-disabled-service';
import { duplicatePortRule } from './duplicate-published-port';
import { emptyFileRule } from './empty-compose-file';
import { envFileRule } from './env-file-not-found';
import { externalConflictRule } from './external-conflict';
import { externalNameRule } from './external-name-conflict';
import { extendsFileRule } from './extends-not-found';
import { fileNotReadRule } from './file-not-read';
import { fileObjectSourceRule } from './secret-config-source';
import { healthcheckMissingRule } from './healthcheck-missing';
import { healthcheckTestRule } from './invalid-healthcheck-test';
import { includeCycleRule } from './include-cycle';
import { invalidByteSizeRule } from './invalid-byte-size';
import { invalidCpusRule } from './invalid-cpus';
import { invalidDeployRule } from './invalid-deploy';
import { invalidDurationRule } from './invalid-duration';
import { invalidPortRule } from './invalid-port';
import { invalidRestartRule } from './invalid-restart-policy';
import { invalidVolumeRule } from './invalid-volume-spec';
import { interpolatedTypeRule } from './invalid-interpolated-value';
import { invalidInterpolationRule } from './invalid-interpolation';
import { missingImageRule } from './missing-image-or-build';
import { nonStringKeyRule } from './non-string-key';
import { obsoleteVersionRule } from './obsolete-version';
import { platformNotBuiltRule } from './platform-not-in-build-platforms';
import { requiredVariableRule } from './required-variable';
import { schemaRule } from './schema';
import { swarmIgnoredRule } from './swarm-ignored-key';
import { swarmOnlyRule } from './swarm-only-deploy-key';
import { undefinedConfigRule } from './undefined-config';
import { undefinedModelRule } from './undefined-model';
import { undefinedNetworkRule } from './undefined-network';
import { undefinedSecretRule } from './undefined-secret';
import { undefinedServiceRule } from './undefined-service';
import { undefinedVariableRule } from './undefined-variable';
import { undefinedVolumeRule } from './undefined-volume';
import { unsetEnvironmentRule } from './unset-environment-entry';

export const COMPOSE_RULES: readonly ComposeRule[] = [
  emptyFileRule, aliasExpansionRule, schemaRule, invalidInterpolationRule, interpolatedTypeRule, requiredVariableRule, undefinedVariableRule,
  undefinedServiceRule, undefinedVolumeRule, undefinedNetworkRule, undefinedSecretRule, undefinedConfigRule, undefinedModelRule,
  dependencyCycleRule, disabledDependencyRule, unsetEnvironmentRule, invalidPortRule, invalidVolumeRule, invalidDurationRule, invalidByteSizeRule, invalidCpusRule,
  invalidRestartRule, invalidDeployRule, healthcheckTestRule, conflictingAttributesRule, fileObjectSourceRule,
  missingImageRule, fileNotReadRule, extendsFileRule, envFileRule, healthcheckMissingRule, obsoleteVersionRule, buildContextRule, duplicatePortRule, swarmOnlyRule, swarmIgnoredRule,
  nonStringKeyRule, externalConflictRule, externalNameRule, deviceRequestRule, includeCycleRule, platformNotBuiltRule,
];

/**
 * Errors Docker Compose itself only meets at `docker compose up` (the engine refuses the container),
 * not while loading the file: the compose-go agreement test leaves these out of the comparison.
 */
export const UP_TIME_CODES: ReadonlySet<string> = new Set(['InvalidRestartPolicy', 'InvalidDeployValue']);
