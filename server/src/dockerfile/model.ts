import type { Range } from 'vscode-languageserver-types';
import type { SourceFile } from '../core/source';
import { stageNamed, stageReferences } from './support/stage-references';
import { offsetAt, parseDockerfile, type DockerfileAst, type Flag, type Instruction, type Span, type Word } from './syntax/parse';

/** One build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  index: number;
  from: Instruction;
  /** Image or stage the FROM names (first argument). */
  base?: Word;
  asWord?: Word;
  nameWord?: Word;
  /** Stage name, lower-cased like BuildKit does. */
  name?: string;
  platform?: Flag;
  instructions: Instruction[];
  /** The earlier stage this one builds on (`FROM builder`), when there is one. */
  parent?: Stage;
}

/** A parsed Dockerfile with its stages: what every rule and editing feature works from. */
export interface DockerfileModel {
  ast: DockerfileAst;
  stages: Stage[];
  /** ARGs before the first FROM (BuildKit's meta args). */
  globalArgs: Instruction[];
  /** Other instructions before the first FROM (a parse error in BuildKit). */
  orphans: Instruction[];
  positionAt(offset: number): Range['start'];
  /** Range of a joined-line span of an instruction. */
  range(instruction: Instruction, span?: Span): Range;
  stageOf(instruction: Instruction): Stage | undefined;
}

const cache = new WeakMap<SourceFile, DockerfileModel>();

/** The model of a file, built once per SourceFile (one per document version). */
export function modelOf(file: SourceFile): DockerfileModel {
  let model = cache.get(file);
  if (!model) {
    model = buildModel(file.text, (offset) => file.document.positionAt(offset));
    cache.set(file, model);
  }
  return model;
}

export function buildModel(text: string, positionAt: (offset: number) => Range['start']): DockerfileModel {
  const ast = parseDockerfile(text);
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  const orphans: Instruction[] = [];
  const byInstruction = new Map<Instruction, Stage>();
  for (const instruction of ast.instructions) {
    if (instruction.name === 'from') {
      const stage = stageFromInstruction(instruction, stages.length);
      // BuildKit (addState) looks the base name up as written, among the names of the stages before it
      // (lower-cased); a later duplicate wins. Bases with variables are resolved again by the analysis.
      const baseName = stage.base?.value;
      if (baseName) stage.parent = [...stages].reverse().find((s) => s.name === baseName);
      stages.push(stage);
      byInstruction.set(instruction, stage);
    } else if (!stages.length) {
      if (instruction.name === 'arg') globalArgs.push(instruction);
      else orphans.push(instruction);
    } else {
      const stage = stages[stages.length - 1];
      stage.instructions.push(instruction);
      byInstruction.set(instruction, stage);
    }
  }
  return {
    ast,
    stages,
    globalArgs,
    orphans,
    positionAt,
    range(instruction, span) {
      if (!span) return { start: positionAt(instruction.start), end: positionAt(instruction.end) };
      return { start: positionAt(offsetAt(instruction, span.start)), end: positionAt(offsetAt(instruction, span.end - 1) + 1) };
    },
    stageOf: (instruction) => byInstruction.get(instruction),
  };
}

function stageFromInstruction(from: Instruction, index: number): Stage {
  const [base, asWord, nameWord] = from.args;
  const stage: Stage = { index, from, base, instructions: [], platform: from.flags.find((f) => f.name === 'platform') };
  if (from.args.length === 3 && asWord.value.toLowerCase() === 'as') {
    stage.asWord = asWord;
    stage.nameWord = nameWord;
    stage.name = nameWord.value.toLowerCase();
  }
  return stage;
}

/** Key/value pairs of ENV and LABEL the way BuildKit's parseNameVal splits them. */
export interface KeyValue {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  /** Legacy `ENV key value` form (no `=`). */
  legacy: boolean;
}

export function keyValues(instruction: Instruction): KeyValue[] {
  const words = instruction.args;
  if (!words.length) return [];
  if (!words[0].value.includes('=')) {
    // Legacy form: the first whitespace-separated word is the key, the rest of the line the value.
    const text = instruction.argsText;
    const m = /^(\S+)[\t\v\f\r ]+([\s\S]*)$/.exec(text);
    if (!m) return [];
    const start = instruction.argsSpan.start;
    const valueStart = start + text.length - m[2].length;
    return [{ key: m[1], value: m[2], keySpan: { start, end: start + m[1].length }, valueSpan: { start: valueStart, end: start + text.length }, legacy: true }];
  }
  const result: KeyValue[] = [];
  for (const word of words) {
    const eq = word.value.indexOf('=');
    if (eq < 0) continue;
    // Word values keep quotes and escapes, so `=` sits at the same distance from the word start.
    const rawEq = instruction.joined.indexOf('=', word.start);
    result.push({
      key: word.value.slice(0, eq),
      value: word.value.slice(eq + 1),
      keySpan: { start: word.start, end: rawEq },
      valueSpan: { start: rawEq + 1, end: word.end },
      legacy: false,
    });
  }
  return result;
}

/** ARG declarations: `ARG name[=default]` per word. */
export interface ArgDecl {
  key: string;
  value?: string;
  keySpan: Span;
  valueSpan?: Span;
}

export function argDecls(instruction: Instruction): ArgDecl[] {
  return instruction.args.map((word) => {
    const eq = word.value.indexOf('=');
    if (eq < 0) return { key: word.value, keySpan: { start: word.start, end: word.end } };
    const rawEq = instruction.joined.indexOf('=', word.start);
    return { key: word.value.slice(0, eq), value: word.value.slice(eq + 1), keySpan: { start: word.start, end: rawEq }, valueSpan: { start: rawEq + 1, end: word.end } };
  });
}

/**
 * Stages BuildKit resolves for the default target (the last stage): its base chain and every stage named by
 * COPY --from or RUN --mount from= (a mount without from= names "scratch"), transitively. Only these get
 * their base stage's ONBUILD triggers (BuildKit's resolveStages), even when linting every stage.
 */
const reachableCache = new WeakMap<DockerfileModel, Set<Stage>>();

export function reachableStages(model: DockerfileModel): Set<Stage> {
  const cached = reachableCache.get(model);
  if (cached) return cached;
  const reachable = new Set<Stage>();
  const references = stageReferences(model);
  const visit = (stage: Stage | undefined) => {
    if (!stage || reachable.has(stage)) return;
    reachable.add(stage);
    visit(stage.parent);
    for (const ref of references) if (ref.stage === stage) visit(stageNamed(model, ref.value));
  };
  visit(model.stages[model.stages.length - 1]);
  reachableCache.set(model, reachable);
  return reachable;
}

/**
 * Stages whose filesystem is the default target's image: the last stage and the stages it is built FROM.
 * A stage only copied from (COPY --from) contributes files, not its layers.
 */
export function finalImageStages(model: DockerfileModel): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = model.stages[model.stages.length - 1]; s && !chain.includes(s); s = s.parent) chain.push(s);
  return chain;
}

const triggerCache = new WeakMap<Stage, { parent: Stage | undefined; list: Instruction[] }>();

/**
 * Instructions in the order BuildKit dispatches them for a stage: the ONBUILD triggers of the stage it is
 * built FROM come first (BuildKit runs them at the start of the child and reports them at its FROM line),
 * then its own instructions. Each trigger is a copy whose every offset maps to the FROM keyword.
 */
export function dispatched(stage: Stage, model: DockerfileModel): Instruction[] {
  const cached = triggerCache.get(stage);
  if (cached && cached.parent === stage.parent) return cached.list;
  const triggers: Instruction[] = [];
  const parentInstructions = stage.parent && reachableStages(model).has(stage) ? stage.parent.instructions : [];
  for (const ins of parentInstructions) {
    const trigger = ins.name === 'onbuild' ? ins.trigger : undefined;
    if (!trigger || trigger.name === 'onbuild' || trigger.name === 'from' || trigger.name === 'maintainer') continue;
    const anchor = stage.from.start;
    const map: number[] = [];
    for (let k = 0; k <= trigger.joined.length; k++) map.push(k, anchor);
    triggers.push({ ...trigger, map, start: anchor, end: anchor, startLine: stage.from.startLine, endLine: stage.from.startLine, heredocs: [], fromTrigger: true });
  }
  const list = triggers.length ? [...triggers, ...stage.instructions] : stage.instructions;
  triggerCache.set(stage, { parent: stage.parent, list });
  return list;
}
