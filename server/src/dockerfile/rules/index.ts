import type { DockerfileRule } from '../rule';
import { addInsteadOfCopyRule } from './add-instead-of-copy';
import { aptGetListsNotCleanedRule } from './apt-get-lists-not-cleaned';
import { aptGetNoInstallRecommendsRule } from './apt-get-no-install-recommends';
import { buildErrorRule } from './build-error';
import { consistentInstructionCasingRule } from './consistent-instruction-casing';
import { copyIgnoredFileRule } from './copy-ignored-file';
import { duplicateStageNameRule } from './duplicate-stage-name';
import { exposeInvalidFormatRule } from './expose-invalid-format';
import { exposeProtoCasingRule } from './expose-proto-casing';
import { fileNotReadRule } from './file-not-read';
import { fromAsCasingRule } from './from-as-casing';
import { fromPlatformFlagConstDisallowedRule } from './from-platform-flag-const-disallowed';
import { imageLatestTagRule } from './image-latest-tag';
import { invalidDefaultArgInFromRule } from './invalid-default-arg-in-from';
import { invalidDefinitionDescriptionRule } from './invalid-definition-description';
import { invalidExposePortRule } from './invalid-expose-port';
import { invalidFlagRule } from './invalid-flag';
import { invalidHealthcheckRule } from './invalid-healthcheck';
import { jsonArgsRecommendedRule } from './json-args-recommended';
import { lastUserRootRule } from './last-user-root';
import { legacyKeyValueFormatRule } from './legacy-key-value-format';
import { maintainerDeprecatedRule } from './maintainer-deprecated';
import { misspelledStageRule } from './misspelled-stage';
import { multipleInstructionsDisallowedRule } from './multiple-instructions-disallowed';
import { noBuildStageRule } from './no-build-stage';
import { noEmptyContinuationRule } from './no-empty-continuation';
import { pipeWithoutPipefailRule } from './pipe-without-pipefail';
import { redundantTargetPlatformRule } from './redundant-target-platform';
import { reservedStageNameRule } from './reserved-stage-name';
import { runCdRule } from './run-cd';
import { secretsUsedInArgOrEnvRule } from './secrets-used-in-arg-or-env';
import { shellcheckRule } from './shellcheck';
import { stageNameCasingRule } from './stage-name-casing';
import { sudoInRunRule } from './sudo-in-run';
import { syntaxRule } from './syntax';
import { undefinedArgInFromRule } from './undefined-arg-in-from';
import { undefinedVarRule } from './undefined-var';
import { unknownInstructionRule } from './unknown-instruction';
import { unknownStageRule } from './unknown-stage';
import { workdirRelativePathRule } from './workdir-relative-path';

/** Every Dockerfile rule: BuildKit's build checks first (by BuildKit's names), then parser errors, then best practices. */
export const RULES: readonly DockerfileRule[] = [
  consistentInstructionCasingRule,
  copyIgnoredFileRule,
  duplicateStageNameRule,
  exposeInvalidFormatRule,
  exposeProtoCasingRule,
  fromAsCasingRule,
  fromPlatformFlagConstDisallowedRule,
  invalidDefaultArgInFromRule,
  invalidDefinitionDescriptionRule,
  jsonArgsRecommendedRule,
  legacyKeyValueFormatRule,
  maintainerDeprecatedRule,
  multipleInstructionsDisallowedRule,
  noEmptyContinuationRule,
  redundantTargetPlatformRule,
  reservedStageNameRule,
  secretsUsedInArgOrEnvRule,
  stageNameCasingRule,
  undefinedArgInFromRule,
  undefinedVarRule,
  workdirRelativePathRule,
  syntaxRule,
  buildErrorRule,
  unknownInstructionRule,
  invalidFlagRule,
  invalidHealthcheckRule,
  invalidExposePortRule,
  noBuildStageRule,
  unknownStageRule,
  misspelledStageRule,
  imageLatestTagRule,
  aptGetNoInstallRecommendsRule,
  aptGetListsNotCleanedRule,
  runCdRule,
  addInsteadOfCopyRule,
  lastUserRootRule,
  sudoInRunRule,
  pipeWithoutPipefailRule,
  shellcheckRule,
  fileNotReadRule,
];
