import type { KustomizeRule } from '../rule';
import { cycleRule } from './cycle';
import { deprecatedFieldRule } from './deprecated-field';
import { fieldTypeRule } from './field-type';
import { notAKustomizationRule } from './not-a-kustomization';
import { pathNotFoundRule } from './path-not-found';
import { unknownFieldRule } from './unknown-field';

export const KUSTOMIZE_RULES: readonly KustomizeRule[] = [unknownFieldRule, fieldTypeRule, deprecatedFieldRule, pathNotFoundRule, notAKustomizationRule, cycleRule];
