/**
 * A replay of BuildKit's dispatch (frontend/dockerfile/dockerfile2llb) without images or a daemon:
 * which variables each instruction expands and whether they are defined at that point, where every
 * ARG/ENV is declared, and the per-stage state several build checks depend on (SHELL set, WORKDIR set,
 * CMD/ENTRYPOINT/HEALTHCHECK seen). Computed once per model and shared by rules and navigation.
 */
import { editDistance } from '../core/suggest';
import { argDecls, dispatched, keyValues, type DockerfileModel, type Stage } from './model';
import type { Instruction, Span } from './syntax/parse';
import { parseHeredocWord } from './syntax/parse';
import { expandWord, scanVariables, type VariableRef } from './syntax/variables';
import { imageEnv } from './support/image-env';
import { parseImageReference } from './support/reference';

export type VarKind = 'ARG' | 'ENV' | 'builtin';

export interface VarDef {
  name: string;
  kind: VarKind;
  instruction?: Instruction;
  keySpan?: Span;
  /** Literal default/value when known. */
  value?: string;
  global: boolean;
  /** Set by this base image's config (kind 'builtin'). */
  image?: string;
}

/** A `$name` in an instruction, with the definition in effect there. */
export interface VarUse {
  name: string;
  instruction: Instruction;
  /** Joined-line span of the whole reference and of the name. */
  span: Span;
  nameSpan: Span;
  def?: VarDef;
  /** BuildKit would report it as UndefinedVar (or UndefinedArgInFrom in a FROM). */
  undefined: boolean;
  suggestion?: string;
  inFrom: boolean;
  /** Set for references in heredoc bodies: document offsets (span/nameSpan are then meaningless). */
  doc?: { span: Span; nameSpan: Span };
}

export interface Analysis {
  defs: VarDef[];
  uses: VarUse[];
  relativeWorkdirs: Array<{ instruction: Instruction; path: string }>;
  shellFormWithoutShell: Instruction[];
  /** Earlier CMD/ENTRYPOINT/HEALTHCHECK overridden by a later one in the same stage. */
  overridden: Array<{ previous: Instruction; current: Instruction }>;
  expansionErrors: Array<{ instruction: Instruction; span: Span; message: string }>;
  /** Base names with default ARG values substituted, per stage. */
  baseNames: Map<Stage, string | null>;
  /**
   * Words BuildKit expands with the stage's variables before it validates them (EXPOSE ports, STOPSIGNAL,
   * RUN --mount values): expanded text per word, null when it depends on something unknown.
   */
  expanded: Map<Instruction, Array<{ span: Span; raw: string; value: string | null }>>;
  /** --platform values: expanded result, variables seen, and TARGETPLATFORM's value in the global scope. */
  platformChecks: Array<{ stage: Stage; result: string | null; matched: string[]; unmatched: string[]; targetPlatform: string | null | undefined }>;
}

/** BuildKit's automatic platform ARGs (dockerfile2llb/platform.go defaultArgs), linux/amd64 defaults. */
export const PLATFORM_ARGS: Record<string, string> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDOSVERSION: '',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETOSVERSION: '',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  TARGETSTAGE: 'default',
};

/** Predefined ARGs usable without declaration in RUN (proxy settings), for hover and completion. */
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

const NON_ENV_ARGS = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Known value (string), known-to-exist-but-unknown value (null). */
type Env = Map<string, string | null>;

interface StageState {
  env: Env;
  buildArgs: Set<string>;
  defs: Map<string, VarDef>;
  shellSet: boolean;
  workdirSet: boolean;
}

const cache = new WeakMap<DockerfileModel, Analysis>();

export function analyze(model: DockerfileModel): Analysis {
  let result = cache.get(model);
  if (!result) {
    result = run(model);
    cache.set(model, result);
  }
  return result;
}

function run(model: DockerfileModel): Analysis {
  const escape = model.ast.escape;
  const out: Analysis = { defs: [], uses: [], relativeWorkdirs: [], shellFormWithoutShell: [], overridden: [], expansionErrors: [], baseNames: new Map(), platformChecks: [], expanded: new Map() };

  // Global scope: platform ARGs, then meta ARGs in order.
  const globalEnv: Env = new Map(Object.entries(PLATFORM_ARGS));
  const defaultsEnv: Env = new Map(Object.entries(PLATFORM_ARGS));
  const globalDefs = new Map<string, VarDef>();
  for (const [name, value] of Object.entries(PLATFORM_ARGS)) globalDefs.set(name, { name, kind: 'builtin', value, global: true });
  const allGlobalKeys = new Set<string>();
  for (const ins of model.globalArgs) {
    for (const decl of argDecls(ins)) {
      const def: VarDef = { name: decl.key, kind: 'ARG', instruction: ins, keySpan: decl.keySpan, global: true };
      if (decl.value !== undefined && decl.valueSpan) {
        const scanned = scan(decl.value, escape);
        for (const ref of scanned.refs) {
          out.uses.push(use(ref, ins, decl.valueSpan.start, globalDefs.get(ref.name), false, false));
        }
        const value = expandSimple(decl.value, globalEnv, escape);
        def.value = value ?? undefined;
        globalEnv.set(decl.key, value);
        defaultsEnv.set(decl.key, value);
      }
      allGlobalKeys.add(decl.key);
      globalDefs.set(decl.key, def);
      out.defs.push(def);
    }
  }

  const finalStates = new Map<Stage, StageState>();
  for (const stage of model.stages) {
    // FROM: base name and --platform are expanded with the global ARGs.
    const from = stage.from;
    const fromWords: Array<{ text: string; start: number; platform: boolean }> = [];
    if (stage.base) fromWords.push({ text: stage.base.value, start: stage.base.start, platform: false });
    if (stage.platform?.hasValue) fromWords.push({ text: from.joined.slice(stage.platform.valueStart, stage.platform.end), start: stage.platform.valueStart, platform: true });
    for (const word of fromWords) {
      const scanned = scan(word.text, escape);
      if (scanned.error) out.expansionErrors.push({ instruction: from, span: { start: word.start + scanned.error.start, end: word.start + scanned.error.end }, message: scanned.error.message });
      const matched: string[] = [];
      const unmatched: string[] = [];
      for (const ref of scanned.refs) {
        const known = globalEnv.has(ref.name);
        (known ? matched : unmatched).push(ref.name);
        const undefinedHere = !known && !allGlobalKeys.has(ref.name);
        const u = use(ref, from, word.start, globalDefs.get(ref.name), undefinedHere, true);
        if (undefinedHere) u.suggestion = suggest(ref.name, [...allGlobalKeys, ...globalEnv.keys()]);
        out.uses.push(u);
      }
      if (word.platform) out.platformChecks.push({ stage, result: expandSimple(word.text, globalEnv, escape), matched, unmatched, targetPlatform: globalEnv.get('TARGETPLATFORM') });
    }
    out.baseNames.set(stage, stage.base ? expandSimple(stage.base.value, defaultsEnv, escape) : null);
    if (stage.base?.value.includes('$')) {
      const expanded = expandSimple(stage.base.value, globalEnv, escape);
      stage.parent = expanded
        ? model.stages
            .slice(0, stage.index)
            .reverse()
            .find((s) => s.name === expanded)
        : undefined;
    }

    const parentState = stage.parent && finalStates.get(stage.parent);
    const state: StageState = parentState
      ? { env: new Map(parentState.env), buildArgs: new Set(parentState.buildArgs), defs: new Map(parentState.defs), shellSet: parentState.shellSet, workdirSet: parentState.workdirSet }
      : { env: new Map([['PATH', DEFAULT_PATH]]), buildArgs: new Set(), defs: new Map(), shellSet: false, workdirSet: false };
    if (!parentState) {
      state.defs.set('PATH', { name: 'PATH', kind: 'builtin', value: DEFAULT_PATH, global: false });
      // What the base image's config sets, for the official images we know (see support/image-env.ts).
      const base = stage.base && (stage.base.value.includes('$') ? out.baseNames.get(stage) : stage.base.value);
      const ref = base ? parseImageReference(base) : null;
      for (const name of ref ? imageEnv(ref.name) : []) {
        if (!state.env.has(name)) state.env.set(name, null);
        state.defs.set(name, { name, kind: 'builtin', global: false, image: ref!.name });
      }
    }
    const seen: Record<string, Instruction | undefined> = {};

    const check = (ins: Instruction, text: string, start: number, skipQuotes = false) => {
      const scanned = scanVariables(text, { escape: skipQuotes ? '\\' : escape, skipQuotes });
      if (scanned.error) out.expansionErrors.push({ instruction: ins, span: { start: start + scanned.error.start, end: start + scanned.error.end }, message: scanned.error.message });
      for (const ref of scanned.refs) {
        const defined = state.env.has(ref.name) || state.buildArgs.has(ref.name) || NON_ENV_ARGS.has(ref.name);
        const u = use(ref, ins, start, state.defs.get(ref.name), !defined, false);
        if (!defined) u.suggestion = suggest(ref.name, [...state.env.keys()]);
        out.uses.push(u);
      }
    };
    /** References the shell (not BuildKit) expands: resolved for navigation, never reported. */
    const shellRefs = (ins: Instruction, text: string, start: number) => {
      for (const ref of scanVariables(text, { escape, skipQuotes: true }).refs) {
        if (/^[A-Za-z_]/.test(ref.name)) out.uses.push(use(ref, ins, start, state.defs.get(ref.name), false, false));
      }
    };
    /** Flag values are expanded after BuildKit's flag parser removed quotes and escapes: scan that value. */
    const flagValue = (ins: Instruction, name: string) => {
      for (const flag of ins.flags) {
        if (flag.name !== name || !flag.hasValue) continue;
        const raw = ins.joined.slice(flag.valueStart, flag.end);
        if (raw === flag.value) {
          check(ins, raw, flag.valueStart);
          continue;
        }
        const before = out.uses.length;
        check(ins, flag.value, flag.valueStart);
        // Offsets in the processed value do not match the text: point at the whole value.
        for (const u of out.uses.slice(before)) {
          u.span = { start: flag.valueStart, end: flag.end };
          u.nameSpan = u.span;
        }
      }
    };
    const checkHeredoc = (ins: Instruction, content: string, docOffset: number) => {
      const scanned = scanVariables(content, { escape: '\\', skipQuotes: true });
      for (const ref of scanned.refs) {
        const defined = state.env.has(ref.name) || state.buildArgs.has(ref.name) || NON_ENV_ARGS.has(ref.name);
        // Heredoc bodies are outside the joined line: they carry document offsets instead.
        const u = use(ref, ins, 0, state.defs.get(ref.name), !defined, false);
        u.doc = { span: { start: docOffset + ref.start, end: docOffset + ref.end }, nameSpan: { start: docOffset + ref.nameStart, end: docOffset + ref.nameEnd } };
        if (!defined) u.suggestion = suggest(ref.name, [...state.env.keys()]);
        out.uses.push(u);
      }
    };

    for (const ins of dispatched(stage, model)) {
      const record = (span: Span, raw: string, value: string | null) => {
        const list = out.expanded.get(ins) ?? [];
        list.push({ span, raw, value });
        out.expanded.set(ins, list);
      };
      switch (ins.name) {
        case 'expose':
          for (const word of ins.args) if (word.value.includes('$')) record(word, word.value, expandSimple(word.value, state.env, escape));
          break;
        case 'env':
        case 'label': {
          const pairs = keyValues(ins);
          for (const kv of pairs) {
            check(ins, ins.joined.slice(kv.keySpan.start, kv.keySpan.end), kv.keySpan.start);
            check(ins, ins.joined.slice(kv.valueSpan.start, kv.valueSpan.end), kv.valueSpan.start);
          }
          if (ins.name === 'env') {
            const values = pairs.map((kv) => expandSimple(kv.value, state.env, escape));
            pairs.forEach((kv, k) => {
              state.env.set(kv.key, values[k]);
              const def: VarDef = { name: kv.key, kind: 'ENV', instruction: ins, keySpan: kv.keySpan, value: values[k] ?? undefined, global: false };
              state.defs.set(kv.key, def);
              out.defs.push(def);
            });
          }
          break;
        }
        case 'arg':
          for (const decl of argDecls(ins)) {
            let value: string | null | undefined;
            if (decl.value !== undefined && decl.valueSpan) {
              check(ins, ins.joined.slice(decl.valueSpan.start, decl.valueSpan.end), decl.valueSpan.start);
              value = expandSimple(decl.value, state.env, escape);
            } else if (globalEnv.has(decl.key)) {
              value = globalEnv.get(decl.key);
            }
            const def: VarDef = { name: decl.key, kind: 'ARG', instruction: ins, keySpan: decl.keySpan, value: value ?? undefined, global: false };
            if (value !== undefined && !NON_ENV_ARGS.has(decl.key)) state.env.set(decl.key, value);
            state.buildArgs.add(decl.key);
            state.defs.set(decl.key, def);
            out.defs.push(def);
          }
          break;
        case 'add':
        case 'copy': {
          flagValue(ins, 'chown');
          flagValue(ins, 'chmod');
          if (ins.name === 'add') flagValue(ins, 'checksum');
          const heredocs = new Map(ins.heredocs.map((h) => [h.name, h]));
          for (const word of ins.args) {
            const spec = !ins.json ? parseHeredocWord(word.value) : null;
            if (spec) {
              const body = heredocs.get(spec.name);
              if (body && spec.expand) checkHeredoc(ins, body.content, body.contentStart);
              continue;
            }
            check(ins, ins.json ? word.value : ins.joined.slice(word.start, word.end), word.start);
          }
          break;
        }
        case 'workdir': {
          check(ins, ins.argsText, ins.argsSpan.start);
          const path = expandSimple(ins.args[0]?.value ?? '', state.env, escape);
          if (!state.workdirSet && path !== null && !path.startsWith('/')) out.relativeWorkdirs.push({ instruction: ins, path });
          state.workdirSet = true;
          break;
        }
        case 'user':
        case 'stopsignal':
          check(ins, ins.argsText, ins.argsSpan.start);
          if (ins.name === 'stopsignal' && ins.argsText.includes('$')) record(ins.argsSpan, ins.argsText, expandSimple(ins.argsText, state.env, escape));
          break;
        case 'volume':
          for (const word of ins.args) check(ins, ins.json ? word.value : ins.joined.slice(word.start, word.end), word.start);
          break;
        case 'run':
          flagValue(ins, 'mount');
          for (const flag of ins.flags) if (flag.name === 'mount' && flag.hasValue) record(flag, flag.value, flag.value.includes('$') ? expandSimple(flag.value, state.env, escape) : flag.value);
          if (!ins.json) shellRefs(ins, ins.argsText, ins.argsSpan.start);
          break;
        case 'shell':
          state.shellSet = true;
          break;
        case 'cmd':
        case 'entrypoint':
        case 'healthcheck': {
          const key = ins.name;
          const previous = seen[key];
          if (previous) out.overridden.push({ previous, current: ins });
          seen[key] = ins;
          if (key !== 'healthcheck' && !ins.json) {
            if (!state.shellSet) out.shellFormWithoutShell.push(ins);
            shellRefs(ins, ins.argsText, ins.argsSpan.start);
          }
          break;
        }
      }
    }
    finalStates.set(stage, state);
  }
  return out;
}

function use(ref: VariableRef, instruction: Instruction, base: number, def: VarDef | undefined, undefinedHere: boolean, inFrom: boolean): VarUse {
  return {
    name: ref.name,
    instruction,
    span: { start: base + ref.start, end: base + ref.end },
    nameSpan: { start: base + ref.nameStart, end: base + ref.nameEnd },
    def,
    undefined: undefinedHere,
    inFrom,
  };
}

function scan(text: string, escape: string) {
  return scanVariables(text, { escape });
}

/** Expands a word as BuildKit does (see expandWord); null when the result depends on something unknown. */
export function expandSimple(text: string, env: Env, escape: string): string | null {
  return expandWord(text, env, escape);
}

/** BuildKit's suggest.Search: the closest option within Levenshtein distance 2. */
export function suggest(value: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let min = 3;
  for (const option of options) {
    if (option === value) return undefined;
    const d = editDistance(value, option);
    if (d < min) {
      min = d;
      best = option;
    }
  }
  return best;
}
