/**
 * Editing assistance. Instruction documentation, instruction/flag completion and formatting come from
 * dockerfile-language-service (rcjsuen); stages, variables, quick fixes, links, symbols and semantic tokens
 * come from Shipshape's own model so they follow BuildKit's scoping.
 */
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import {
  CodeActionKind, CompletionItemKind, MarkupKind, SymbolKind,
  type CodeAction, type CompletionItem, type DocumentLink, type DocumentSymbol, type Hover, type Location, type Position,
  type Range, type SemanticTokens, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Finding } from '../core/diagnostics';
import { SEMANTIC_TOKEN_TYPES, type FormattingOptions } from '../core/language';
import type { SourceFile } from '../core/source';
import { analyze, PLATFORM_ARGS, PROXY_ARGS, type VarDef, type VarUse } from './analysis';
import { argDecls, keyValues, modelOf, type DockerfileModel, type Stage } from './model';
import { stageReferences } from './navigation/stages';
import type { FixData } from './rules/rule';
import { FLAG_VALUES, INSTRUCTION_FLAGS, MOUNT_KEYS_BY_TYPE, MOUNT_TYPES, MOUNT_VALUES } from './support/flags';
import { imageUrl, parseImageReference } from './support/reference';
import { offsetAt, type Instruction } from './syntax/parse';
import { scanVariables } from './syntax/variables';

const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: [MarkupKind.Markdown] } }, hover: { contentFormat: [MarkupKind.Markdown] } });

const contains = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

// ---------- quick fixes ----------

export function codeActions(file: SourceFile, findings: Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const data = f.data as FixData | undefined;
    if (!data?.edits?.length) continue;
    actions.push({
      title: data.title ?? `Fix ${f.code}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [f],
      isPreferred: true,
      edit: { changes: { [file.uri]: data.edits } },
    });
  }
  return actions;
}

// ---------- symbols at a position ----------

type Target = { kind: 'stage'; stage: Stage; range: Range } | { kind: 'var'; name: string; def?: VarDef; range: Range; use?: VarUse };

function useRange(model: DockerfileModel, use: VarUse): Range {
  return use.doc ? { start: model.positionAt(use.doc.nameSpan.start), end: model.positionAt(use.doc.nameSpan.end) } : model.range(use.instruction, use.nameSpan);
}

function defRange(model: DockerfileModel, def: VarDef): Range | null {
  return def.instruction && def.keySpan ? model.range(def.instruction, def.keySpan) : null;
}

function targetAt(model: DockerfileModel, position: Position): Target | null {
  for (const stage of model.stages) {
    if (stage.nameWord && contains(model.range(stage.from, stage.nameWord), position)) return { kind: 'stage', stage, range: model.range(stage.from, stage.nameWord) };
    if (stage.base && stage.parent && contains(model.range(stage.from, stage.base), position)) {
      return { kind: 'stage', stage: stage.parent, range: model.range(stage.from, stage.base) };
    }
  }
  for (const stage of model.stages) {
    for (const r of stageReferences(model, stage)) if (contains(r, position)) return { kind: 'stage', stage, range: r };
  }
  const analysis = analyze(model);
  for (const use of analysis.uses) {
    const r = useRange(model, use);
    if (contains(r, position)) return { kind: 'var', name: use.name, def: use.def, range: r, use };
  }
  for (const def of analysis.defs) {
    const r = defRange(model, def);
    if (r && contains(r, position)) return { kind: 'var', name: def.name, def, range: r };
  }
  return null;
}

/** Every place bound to the same variable definition (the declaration and the uses that resolve to it). */
function varLocations(model: DockerfileModel, def: VarDef): Range[] {
  const ranges: Range[] = [];
  const own = defRange(model, def);
  if (own) ranges.push(own);
  const analysis = analyze(model);
  for (const use of analysis.uses) if (use.def === def) ranges.push(useRange(model, use));
  // A stage `ARG NAME` without a value re-declares the global one: treat them as one symbol.
  if (def.global) {
    for (const other of analysis.defs) {
      if (other === def || other.global || other.name !== def.name || other.kind !== 'ARG') continue;
      if (!other.instruction || !argDecls(other.instruction).some((d) => d.key === def.name && d.value === undefined)) continue;
      {
        const r = defRange(model, other);
        if (r) ranges.push(r);
        for (const use of analysis.uses) if (use.def === other) ranges.push(useRange(model, use));
      }
    }
  }
  return dedupe(ranges);
}

function dedupe(ranges: Range[]): Range[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const key = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function definition(file: SourceFile, position: Position): Location[] | null {
  const model = modelOf(file);
  const target = targetAt(model, position);
  if (!target) return null;
  if (target.kind === 'stage') return target.stage.nameWord ? [{ uri: file.uri, range: model.range(target.stage.from, target.stage.nameWord) }] : null;
  const r = target.def && defRange(model, target.def);
  return r ? [{ uri: file.uri, range: r }] : null;
}

export function references(file: SourceFile, position: Position): Location[] | null {
  const model = modelOf(file);
  const target = targetAt(model, position);
  if (!target) return null;
  const ranges = target.kind === 'stage'
    ? [...(target.stage.nameWord ? [model.range(target.stage.from, target.stage.nameWord)] : []), ...stageReferences(model, target.stage)]
    : target.def ? varLocations(model, target.def) : [target.range];
  return ranges.map((range) => ({ uri: file.uri, range }));
}

export function prepareRename(file: SourceFile, position: Position): Range | null {
  const model = modelOf(file);
  const target = targetAt(model, position);
  if (!target) return null;
  if (target.kind === 'stage') return target.stage.nameWord ? target.range : null;
  return target.def && target.def.kind !== 'builtin' ? target.range : null;
}

export function rename(file: SourceFile, position: Position, newName: string): WorkspaceEdit | null {
  const locations = prepareRename(file, position) ? references(file, position) : null;
  if (!locations) return null;
  return { changes: { [file.uri]: locations.map((l) => ({ range: l.range, newText: newName })) } };
}

// ---------- hover ----------

export function hover(file: SourceFile, position: Position): Hover | null {
  const model = modelOf(file);
  const target = targetAt(model, position);
  if (target?.kind === 'stage') {
    const s = target.stage;
    const base = s.base ? ` (from \`${s.base.value}\`)` : '';
    return { range: target.range, contents: { kind: MarkupKind.Markdown, value: `**Stage** \`${s.name ?? s.index}\`${base}, line ${s.from.startLine + 1}` } };
  }
  if (target?.kind === 'var') {
    const def = target.def;
    const lines: string[] = [];
    if (def) {
      const where = def.image ? `ENV of the \`${def.image}\` image` : def.kind === 'builtin' ? (def.global ? 'automatic platform ARG' : 'set in every image') : `${def.kind}${def.global ? ' (global)' : ''} on line ${(def.instruction?.startLine ?? 0) + 1}`;
      lines.push(`\`${def.name}\` — ${where}`);
      lines.push(def.value !== undefined ? `Value: \`${def.value}\`` : 'Value: not set in the Dockerfile (build argument or empty)');
    } else if (target.use?.undefined) {
      lines.push(`\`${target.name}\` is not defined here`);
    } else {
      lines.push(`\`${target.name}\` — expanded by the shell at run time`);
    }
    return { range: target.range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } };
  }
  return service.computeHover(file.text, position);
}

// ---------- completion ----------

export function completion(file: SourceFile, position: Position): CompletionItem[] {
  const model = modelOf(file);
  const offset = file.document.offsetAt(position);
  const lineText = file.text.slice(file.document.offsetAt({ line: position.line, character: 0 }), offset);
  const ins = model.ast.instructions.find((i) => i.start <= offset && offset <= Math.max(i.end, i.start));
  const items: CompletionItem[] = [];
  const range = (len: number): Range => ({ start: file.document.positionAt(offset - len), end: position });

  // Variables in ${…} or after $.
  const dollar = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(lineText);
  if (dollar) {
    const prefix = dollar[1] ?? '';
    for (const name of visibleVariables(model, ins, offset)) {
      if (name.startsWith(prefix)) items.push({ label: name, kind: CompletionItemKind.Variable, textEdit: { range: range(prefix.length), newText: name } });
    }
    return items;
  }
  // Stage names after --from= and from= in --mount.
  const from = /(?:--from=|[,=]from=)([\w.-]*)$/.exec(lineText);
  if (from && ins) {
    const current = model.stageOf(ins);
    for (const stage of model.stages) {
      if (!stage.name || (current && stage.index >= current.index)) continue;
      items.push({ label: stage.name, kind: CompletionItemKind.Reference, detail: `stage ${stage.index}: FROM ${stage.base?.value ?? ''}`, textEdit: { range: range(from[1].length), newText: stage.name } });
    }
    return items;
  }
  // Flag values.
  const flagValue = /--([a-z-]+)=([^\s]*)$/.exec(lineText);
  if (flagValue && ins) {
    const name = ins.name === 'onbuild' && ins.trigger ? ins.trigger.name : ins.name;
    if (flagValue[1] === 'mount') {
      const typeValue = /(?:^|,)type=([a-z]*)$/.exec(flagValue[2]);
      const keyValue = /(?:^|,)([a-z]+)=([a-z]*)$/.exec(flagValue[2]);
      const keyStart = /(?:^|,)([a-z]*)$/.exec(flagValue[2]);
      const type = /(?:^|,)type=([a-z]+)/.exec(flagValue[2])?.[1] ?? 'bind';
      let values: string[] = [];
      let prefix = '';
      if (typeValue) { values = MOUNT_TYPES; prefix = typeValue[1]; }
      else if (keyValue) { values = MOUNT_VALUES[keyValue[1]] ?? []; prefix = keyValue[2]; }
      else if (flagValue[2] === '') values = MOUNT_TYPES.map((t) => `type=${t}`);
      else if (keyStart) { values = (MOUNT_KEYS_BY_TYPE[type] ?? []).map((k) => `${k}=`); prefix = keyStart[1]; }
      return values.filter((v) => v.startsWith(prefix)).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range: range(prefix.length), newText: v } }));
    }
    const values = FLAG_VALUES[`${name}.${flagValue[1]}`] ?? [];
    return values.filter((v) => v.startsWith(flagValue[2])).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range: range(flagValue[2].length), newText: v } }));
  }
  // Flags for the instruction.
  const flagName = /\s(--?[a-z-]*)$/.exec(lineText);
  if (flagName && ins && ins.keywordSpan.end <= offset - ins.start) {
    const flags = INSTRUCTION_FLAGS[ins.name] ?? {};
    const typed = flagName[1];
    return Object.entries(flags).filter(([f]) => `--${f}`.startsWith(typed)).map(([f, type]) => ({
      label: `--${f}`, kind: CompletionItemKind.Property, detail: type === 'bool' ? 'boolean flag' : 'flag with a value',
      textEdit: { range: range(typed.length), newText: type === 'bool' ? `--${f}` : `--${f}=` },
      command: type === 'bool' ? undefined : { title: 'values', command: 'editor.action.triggerSuggest' },
    }));
  }
  const result = service.computeCompletionItems(file.text, position);
  return Array.isArray(result) ? result : [];
}

function visibleVariables(model: DockerfileModel, ins: Instruction | undefined, offset: number): string[] {
  const names = new Set<string>();
  const stage = ins && (ins.name === 'from' ? undefined : model.stageOf(ins));
  if (!stage) {
    for (const k of Object.keys(PLATFORM_ARGS)) names.add(k);
    for (const g of model.globalArgs) if (g.start < offset) for (const d of argDecls(g)) names.add(d.key);
    return [...names];
  }
  for (let s: Stage | undefined = stage; s; s = s.parent) {
    for (const i of s.instructions) {
      if (s === stage && i.start >= offset) break;
      if (i.name === 'arg') for (const d of argDecls(i)) names.add(d.key);
      if (i.name === 'env') for (const kv of keyValues(i)) names.add(kv.key);
    }
  }
  names.add('PATH');
  if (ins?.name === 'run') for (const p of PROXY_ARGS) names.add(p);
  return [...names];
}

// ---------- outline, links, formatting, semantic tokens ----------

export function documentSymbols(file: SourceFile): DocumentSymbol[] {
  const model = modelOf(file);
  const symbol = (ins: Instruction, name: string, kind: SymbolKind, children?: DocumentSymbol[]): DocumentSymbol => ({
    name, kind, range: model.range(ins), selectionRange: model.range(ins, ins.keywordSpan), children,
  });
  const out: DocumentSymbol[] = [];
  for (const ins of model.globalArgs) for (const d of argDecls(ins)) out.push({ ...symbol(ins, d.key, SymbolKind.Variable), detail: 'ARG', selectionRange: model.range(ins, d.keySpan) });
  for (const stage of model.stages) {
    const children: DocumentSymbol[] = [];
    for (const ins of stage.instructions) {
      if (ins.name === 'arg') for (const d of argDecls(ins)) children.push({ ...symbol(ins, d.key, SymbolKind.Variable), detail: 'ARG', selectionRange: model.range(ins, d.keySpan) });
      else if (ins.name === 'env') for (const kv of keyValues(ins)) children.push({ ...symbol(ins, kv.key, SymbolKind.Constant), detail: 'ENV', selectionRange: model.range(ins, kv.keySpan) });
      else children.push({ ...symbol(ins, ins.keyword.toUpperCase(), SymbolKind.Function), detail: ins.argsText.slice(0, 60) });
    }
    const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
    out.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.base?.value ?? ''}`,
      kind: SymbolKind.Class,
      range: { start: model.range(stage.from).start, end: model.range(last).end },
      selectionRange: model.range(stage.from, stage.nameWord ?? stage.base ?? stage.from.keywordSpan),
      children,
    });
  }
  return out;
}

export function documentLinks(file: SourceFile): DocumentLink[] {
  const model = modelOf(file);
  const links: DocumentLink[] = [];
  for (const stage of model.stages) {
    if (!stage.base || stage.base.value.includes('$') || stage.parent || stage.base.value === 'scratch') continue;
    const ref = parseImageReference(stage.base.value);
    const url = ref && imageUrl(ref);
    if (url) links.push({ range: model.range(stage.from, stage.base), target: url, tooltip: `Open ${ref.name}` });
  }
  return links;
}

export function format(file: SourceFile, options: FormattingOptions): TextEdit[] {
  return service.format(file.text, { tabSize: options.tabSize, insertSpaces: options.insertSpaces });
}

const TOKEN = Object.fromEntries(SEMANTIC_TOKEN_TYPES.map((t, k) => [t, k])) as Record<(typeof SEMANTIC_TOKEN_TYPES)[number], number>;

export function semanticTokens(file: SourceFile): SemanticTokens {
  const model = modelOf(file);
  const tokens: Array<[number, number, number, number, number]> = [];
  const push = (startOffset: number, endOffset: number, type: number, modifiers = 0) => {
    const start = file.document.positionAt(startOffset);
    const end = file.document.positionAt(endOffset);
    if (end.line !== start.line || end.character <= start.character) return;
    tokens.push([start.line, start.character, end.character - start.character, type, modifiers]);
  };
  const span = (ins: Instruction, s: number, e: number, type: number, modifiers = 0) => {
    // A span may cross continuation lines: emit per contiguous piece.
    let pieceStart = s;
    for (let k = s + 1; k <= e; k++) {
      if (k === e || offsetAt(ins, k) !== offsetAt(ins, k - 1) + 1) {
        push(offsetAt(ins, pieceStart), offsetAt(ins, k - 1) + 1, type, modifiers);
        pieceStart = k;
      }
    }
  };
  for (const c of model.ast.comments) push(c.start, c.end, TOKEN.comment);
  for (const ins of model.ast.instructions) {
    span(ins, ins.keywordSpan.start, ins.keywordSpan.end, TOKEN.keyword);
    if (ins.trigger) span(ins, ins.argsSpan.start + ins.trigger.keywordSpan.start, ins.argsSpan.start + ins.trigger.keywordSpan.end, TOKEN.keyword);
    for (const f of ins.flags) span(ins, f.start, f.valueStart > f.start && f.hasValue ? f.valueStart - 1 : f.end, TOKEN.parameter);
    const stage = ins.name === 'from' ? model.stages.find((s) => s.from === ins) : undefined;
    if (stage?.base) span(ins, stage.base.start, stage.base.end, TOKEN.class);
    if (stage?.asWord) span(ins, stage.asWord.start, stage.asWord.end, TOKEN.keyword);
    if (stage?.nameWord) span(ins, stage.nameWord.start, stage.nameWord.end, TOKEN.namespace, 1);
    if (ins.name === 'arg') for (const d of argDecls(ins)) span(ins, d.keySpan.start, d.keySpan.end, TOKEN.variable, 1);
    if (ins.name === 'env' || ins.name === 'label') for (const kv of keyValues(ins)) span(ins, kv.keySpan.start, kv.keySpan.end, ins.name === 'env' ? TOKEN.variable : TOKEN.property, ins.name === 'env' ? 1 : 0);
    if (ins.name === 'expose') for (const w of ins.args) if (/^\d/.test(w.value)) span(ins, w.start, w.end, TOKEN.number);
    if (ins.name !== 'from') {
      for (const ref of scanVariables(ins.joined.slice(ins.argsSpan.start, ins.argsSpan.end), { escape: model.ast.escape, skipQuotes: ins.name === 'run' || ins.name === 'cmd' || ins.name === 'entrypoint' }).refs) {
        span(ins, ins.argsSpan.start + ref.start, ins.argsSpan.start + ref.end, TOKEN.variable);
      }
    } else if (stage?.base) {
      for (const ref of scanVariables(stage.base.value, { escape: model.ast.escape }).refs) span(ins, stage.base.start + ref.start, stage.base.start + ref.end, TOKEN.variable);
    }
  }
  tokens.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const [l, c, len, type, mods] of tokens) {
    if (l === lastLine && c < lastEnd) continue; // overlapping tokens are not allowed
    data.push(l - line, l === line ? c - char : c, len, type, mods);
    line = l;
    char = c;
    lastLine = l;
    lastEnd = c + len;
  }
  return { data };
}
