import type { Range } from 'vscode-languageserver-types';
import type { Rule } from '../core/rule';
import type { Workspace } from '../core/workspace';
import type { Kustomization } from './model';

/** What a Kustomize rule sees: one kustomization (Kustomization or Component) and the workspace to read paths in. */
export interface KustomizeRuleContext {
  kustomization: Kustomization;
  workspace: Workspace;
  /** Records a finding of this rule; `data` is what its quick fix needs. */
  report(range: Range, message: string, data?: unknown): void;
}

/** What a Kustomize rule looks at: 'file', the kustomization's own text; 'paths', also the files and folders it names. */
export type KustomizeScope = 'file' | 'paths';

/** The rule contract (core/rule.ts) for kustomization files. */
export type KustomizeRule = Rule<KustomizeRuleContext, KustomizeScope>;
