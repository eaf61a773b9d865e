import type { ComposeRule } from '../rule';
import { aliasExpansionRule } from './alias-expansion';
import { buildContextRule } from './build-context';
import { conflictingAttributesRule } from './conflicting-attributes';
import { dependencyCycleRule } from './dependency-cycle';
import { deviceRequestRule } from './device-request';
import { disabledDependencyRule } from './disabled-dependency';
import { duplicatePortRule } from './duplicate-port';
import { emptyFileRule } from './empty-file';
import { envFileRule } from './env-file';
import { externalConflictRule } from './external-conflict';
import { externalNameRule } from './external-name';
import { extendsFileRule } from './extends-file';
import { fileNotReadRule } from './file-not-read';
import { fileObjectSourceRule } from './file-object-source';
import { healthcheckMissingRule } from './healthcheck-missing';
import { healthcheckTestRule } from './healthcheck-test';
import { includeCycleRule } from './include-cycle';
import { invalidByteSizeRule } from './invalid-byte-size';
import { invalidCpusRule } from './invalid-cpus';
import { invalidDeployRule } from './invalid-deploy';
import { invalidDurationRule } from './invalid-duration';
import { invalidPortRule } from './invalid-port';
import { invalidRestartRule } from './invalid-restart';
import { invalidVolumeRule } from './invalid-volume';
import { interpolatedTypeRule } from './interpolated-type';
import { invalidInterpolationRule } from './interpolation';
import { missingImageRule } from './missing-image';
import { nonStringKeyRule } from './non-string-key';
import { obsoleteVersionRule } from './obsolete-version';
import { platformNotBuiltRule } from './platform-not-built';
import { requiredVariableRule } from './required-variable';
import { schemaRule } from './schema';
import { swarmIgnoredRule } from './swarm-ignored';
import { swarmOnlyRule } from './swarm-only';
import { undefinedConfigRule } from './undefined-config';
import { undefinedModelRule } from './undefined-model';
import { undefinedNetworkRule } from './undefined-network';
import { undefinedSecretRule } from './undefined-secret';
import { undefinedServiceRule } from './undefined-service';
import { undefinedVariableRule } from './undefined-variable';
import { undefinedVolumeRule } from './undefined-volume';
import { unsetEnvironmentRule } from './unset-environment';

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
