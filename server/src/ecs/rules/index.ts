import type { EcsRule } from '../rule';
import { aboveMaximumRule } from './above-maximum';
import { belowMinimumRule } from './below-minimum';
import { containerMemoryRule } from './container-memory';
import { deprecatedMemberRule } from './deprecated-member';
import { fargateCpuMemoryRule } from './fargate-cpu-memory';
import { fargateNetworkModeRule } from './fargate-network-mode';
import { healthCheckRule } from './health-check';
import { invalidEnumValueRule } from './invalid-enum-value';
import { invalidTypeRule } from './invalid-type';
import { logConfigurationRule } from './log-configuration';
import { missingMemberRule } from './missing-member';
import { noEssentialContainerRule } from './no-essential-container';
import { patternMismatchRule } from './pattern-mismatch';
import { portMappingRule } from './port-mapping';
import { secretReferenceRule } from './secret-reference';
import { undefinedContainerRule } from './undefined-container';
import { undefinedVolumeRule } from './undefined-volume';
import { unknownMemberRule } from './unknown-member';

export const ECS_RULES: readonly EcsRule[] = [
  unknownMemberRule,
  missingMemberRule,
  invalidTypeRule,
  belowMinimumRule,
  aboveMaximumRule,
  invalidEnumValueRule,
  patternMismatchRule,
  deprecatedMemberRule,
  fargateNetworkModeRule,
  fargateCpuMemoryRule,
  containerMemoryRule,
  portMappingRule,
  noEssentialContainerRule,
  undefinedContainerRule,
  undefinedVolumeRule,
  secretReferenceRule,
  logConfigurationRule,
  healthCheckRule,
];
