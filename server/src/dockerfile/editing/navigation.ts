/** Definition, references and rename for stages and variables, following BuildKit's scoping (analysis.ts). */
import type { Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { SourceFile } from '../../core/source';
import { analyze, type VarDef, type VarUse } from '../analysis';
import { argDecls, modelOf, type DockerfileModel, type Stage } from '../model';
import { stageReferences } from '../navigation/stages';
import { contains } from './service';

export type Target = { kind: 'stage'; stage: Stage; range: Range } | { kind: 'var'; name: string; def?: VarDef; range: Range; use?: VarUse };

function useRange(model: DockerfileModel, use: VarUse): Range {
  return use.doc ? { start: model.positionAt(use.doc.nameSpan.start), end: model.positionAt(use.doc.nameSpan.end) } : model.range(use.instruction, use.nameSpan);
}

function defRange(model: DockerfileModel, def: VarDef): Range | null {
  return def.instruction && def.keySpan ? model.range(def.instruction, def.keySpan) : null;
}

export function targetAt(model: DockerfileModel, position: Position): Target | null {
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
  const ranges = target.kind === 'stage' ? [...(target.stage.nameWord ? [model.range(target.stage.from, target.stage.nameWord)] : []), ...stageReferences(model, target.stage)] : target.def ? varLocations(model, target.def) : [target.range];
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
