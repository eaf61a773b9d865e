import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../core/rule';
import type { JsonNode } from '../json/parse';
import type { TaskDefinition } from './model';
import type { ModelWalk } from './walk';

/** What an ECS rule sees: one task definition whose top level is an object, and the model walk of it. */
export interface EcsRuleContext {
  def: TaskDefinition;
  root: JsonNode;
  model: ModelWalk;
  /** Records a finding of this rule. */
  report(range: Range, message: string, data?: unknown): void;
}

/**
 * What an ECS rule checks: 'model', the request against botocore's model of RegisterTaskDefinition (what
 * botocore validates before sending, and the enums, maxima and patterns the service checks); 'task', the
 * rules the ECS documentation states beyond the model (Fargate, memory, ports, names).
 */
export type EcsScope = 'model' | 'task';

/** The rule contract (core/rule.ts) for ECS task definitions. */
export type EcsRule = Rule<EcsRuleContext, EcsScope>;
