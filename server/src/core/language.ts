import type { CodeAction, CompletionItem, CompletionList, DocumentLink, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SelectionRange, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ChartRenders } from '../helm/renders';
import type { KustomizeBuilds } from '../kustomize/builds';
import type { ClusterFacts } from './cluster';
import type { Finding, RuleInfo } from './diagnostics';
import type { FileKind } from './kinds';
import type { Settings } from './settings';
import type { SourceFile } from './source';
import type { Workspace } from './workspace';

/** What every language service receives besides the document. */
export interface ServiceContext {
  /** The settings of the document's workspace folder. */
  settings: Settings;
  workspace: Workspace;
  /** What the connected cluster reported (custom kinds, served group-versions); absent when none is connected. */
  cluster?: ClusterFacts;
  /**
   * Set by hosts that can publish again (the LSP server): background work (ShellCheck) finished for this
   * document, validate it again. Absent in the CLI, where services wait for such work instead.
   */
  refresh?: (uri: string) => void;
  /**
   * False when the editor says the workspace is untrusted: then nothing is run on its behalf (ShellCheck).
   * The CLI and the standalone server are trusted unless told otherwise.
   */
  trusted?: boolean;
  /**
   * The host's renders of Helm charts by the engine process (the server's debounced, the CLI's not); absent
   * where no engine runs, and then templates are not checked.
   */
  helm?: ChartRenders;
  /**
   * The host's builds of root kustomizations by the engine process (the server's, debounced): every file a
   * build reads gets the findings of the built objects it wrote. Absent in the CLI, which builds each root once.
   */
  kustomize?: KustomizeBuilds;
}

export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
}

/** What the client can show: VS Code folds whole lines only (and then ignores start/endCharacter). */
export interface FoldingOptions {
  lineFoldingOnly: boolean;
}

/**
 * A language service: pure functions of (document, context). The LSP server, the CLI and the tests
 * call the same functions. Everything but validate is optional.
 */
export interface LanguageSupport {
  kinds: readonly FileKind[];
  rules: readonly RuleInfo[];
  validate(file: SourceFile, ctx: ServiceContext): Finding[] | Promise<Finding[]>;
  completion?(file: SourceFile, position: Position, ctx: ServiceContext): CompletionItem[] | CompletionList | null;
  hover?(file: SourceFile, position: Position, ctx: ServiceContext): Hover | null;
  definition?(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null;
  references?(file: SourceFile, position: Position, ctx: ServiceContext): Location[] | null;
  prepareRename?(file: SourceFile, position: Position, ctx: ServiceContext): Range | null;
  rename?(file: SourceFile, position: Position, newName: string, ctx: ServiceContext): WorkspaceEdit | null;
  documentSymbols?(file: SourceFile, ctx: ServiceContext): DocumentSymbol[];
  format?(file: SourceFile, options: FormattingOptions, ctx: ServiceContext): TextEdit[];
  /** Quick fixes for the findings in range (each Finding carries its own `data`). */
  codeActions?(file: SourceFile, range: Range, findings: Finding[], ctx: ServiceContext): CodeAction[];
  documentLinks?(file: SourceFile, ctx: ServiceContext): DocumentLink[];
  semanticTokens?(file: SourceFile, ctx: ServiceContext): SemanticTokens;
  foldingRanges?(file: SourceFile, ctx: ServiceContext, options: FoldingOptions): FoldingRange[];
  /** One chain per position, innermost first; each parent contains its child. */
  selectionRanges?(file: SourceFile, positions: Position[], ctx: ServiceContext): SelectionRange[];
}

/** Token legend shared by every language that offers semantic tokens. */
export const SEMANTIC_TOKEN_TYPES = ['keyword', 'variable', 'parameter', 'property', 'string', 'number', 'comment', 'operator', 'class', 'namespace'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'deprecated', 'readonly'] as const;
