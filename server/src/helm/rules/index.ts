import type { HelmRule } from '../rule';
import { chartYamlApiVersionRule } from './chart-yaml-api-version';
import { chartYamlDependencyRule } from './chart-yaml-dependency';
import { chartYamlDeprecatedRule } from './chart-yaml-deprecated';
import { chartYamlKubeVersionRule } from './chart-yaml-kube-version';
import { chartYamlUnknownFieldRule } from './chart-yaml-unknown-field';
import { chartYamlVersionRule } from './chart-yaml-version';
import { valuesUnusedRule } from './values-unused';

export const CHART_YAML_RULES: readonly HelmRule[] = [chartYamlApiVersionRule, chartYamlVersionRule, chartYamlKubeVersionRule, chartYamlDependencyRule, chartYamlDeprecatedRule, chartYamlUnknownFieldRule];
export const VALUES_RULES: readonly HelmRule[] = [valuesUnusedRule];
