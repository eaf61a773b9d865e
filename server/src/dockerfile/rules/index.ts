import type { RuleModule } from '../rule';
import * as addInsteadOfCopy from './add-instead-of-copy';
import * as aptGetListsNotCleaned from './apt-get-lists-not-cleaned';
import * as aptGetNoInstallRecommends from './apt-get-no-install-recommends';
import * as buildError from './build-error';
import * as consistentInstructionCasing from './consistent-instruction-casing';
import * as copyIgnoredFile from './copy-ignored-file';
import * as duplicateStageName from './duplicate-stage-name';
import * as exposeInvalidFormat from './expose-invalid-format';
import * as exposeProtoCasing from './expose-proto-casing';
import * as fileNotRead from './file-not-read';
import * as fromAsCasing from './from-as-casing';
import * as fromPlatformFlagConstDisallowed from './from-platform-flag-const-disallowed';
import * as imageLatestTag from './image-latest-tag';
import * as invalidDefaultArgInFrom from './invalid-default-arg-in-from';
import * as invalidDefinitionDescription from './invalid-definition-description';
import * as invalidExposePort from './invalid-expose-port';
import * as invalidFlag from './invalid-flag';
import * as invalidHealthcheck from './invalid-healthcheck';
import * as jsonArgsRecommended from './json-args-recommended';
import * as lastUserRoot from './last-user-root';
import * as legacyKeyValueFormat from './legacy-key-value-format';
import * as maintainerDeprecated from './maintainer-deprecated';
import * as misspelledStage from './misspelled-stage';
import * as multipleInstructionsDisallowed from './multiple-instructions-disallowed';
import * as noBuildStage from './no-build-stage';
import * as noEmptyContinuation from './no-empty-continuation';
import * as pipeWithoutPipefail from './pipe-without-pipefail';
import * as redundantTargetPlatform from './redundant-target-platform';
import * as reservedStageName from './reserved-stage-name';
import * as runCd from './run-cd';
import * as secretsUsedInArgOrEnv from './secrets-used-in-arg-or-env';
import * as shellcheck from './shellcheck';
import * as stageNameCasing from './stage-name-casing';
import * as sudoInRun from './sudo-in-run';
import * as syntaxError from './syntax';
import * as undefinedArgInFrom from './undefined-arg-in-from';
import * as undefinedVar from './undefined-var';
import * as unknownInstruction from './unknown-instruction';
import * as unknownStage from './unknown-stage';
import * as workdirRelativePath from './workdir-relative-path';

/** Every Dockerfile rule: BuildKit's build checks first (by BuildKit's names), then parser errors, then best practices. */
export const RULES: readonly RuleModule[] = [
  consistentInstructionCasing, copyIgnoredFile, duplicateStageName, exposeInvalidFormat, exposeProtoCasing,
  fromAsCasing, fromPlatformFlagConstDisallowed, invalidDefaultArgInFrom, invalidDefinitionDescription,
  jsonArgsRecommended, legacyKeyValueFormat, maintainerDeprecated, multipleInstructionsDisallowed,
  noEmptyContinuation, redundantTargetPlatform, reservedStageName, secretsUsedInArgOrEnv, stageNameCasing,
  undefinedArgInFrom, undefinedVar, workdirRelativePath,
  syntaxError, buildError, unknownInstruction, invalidFlag, invalidHealthcheck, invalidExposePort, noBuildStage, unknownStage, misspelledStage,
  imageLatestTag, aptGetNoInstallRecommends, aptGetListsNotCleaned, runCd, addInsteadOfCopy, lastUserRoot, sudoInRun, pipeWithoutPipefail,
  shellcheck, fileNotRead,
];
