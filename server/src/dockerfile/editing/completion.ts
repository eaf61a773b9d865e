/** Completion: variables in ${}, stage names after --from=, flags and their values, else instructions. */
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { ServiceContext } from '../../core/language';
import type { SourceFile } from '../../core/source';
import { PLATFORM_ARGS, PROXY_ARGS } from '../analysis';
import { argDecls, keyValues, modelOf, type DockerfileModel, type Stage } from '../model';
import { FLAG_VALUES, INSTRUCTION_FLAGS, MOUNT_KEYS_BY_TYPE, MOUNT_TYPES, MOUNT_VALUES } from '../support/flags';
import { workspaceImages } from '../support/workspace-images';
import type { Instruction } from '../syntax/parse';
import { RULES } from '../rules';
import { service, withinServiceLimit } from './service';

export function completion(file: SourceFile, position: Position, ctx: ServiceContext): CompletionItem[] {
  const model = modelOf(file);
  const offset = file.document.offsetAt(position);
  const lineText = file.text.slice(file.document.offsetAt({ line: position.line, character: 0 }), offset);
  const ins = model.ast.instructions.find((i) => i.start <= offset && offset <= Math.max(i.end, i.start));
  const items: CompletionItem[] = [];
  const range = (len: number): Range => ({ start: file.document.positionAt(offset - len), end: position });

  // `# check=skip=…` / `experimental=…`: BuildKit's check names; `# check=`: its options.
  const check = /^\s*#\s*check\s*=\s*(.*)$/i.exec(lineText);
  if (check) {
    const value = /(?:^|[;,=])\s*([A-Za-z]*)$/.exec(check[1]);
    const prefix = value?.[1] ?? '';
    const key = /(?:^|;)\s*(skip|experimental|error)\s*=[^;]*$/.exec(check[1])?.[1];
    const options = key === 'error' ? ['true', 'false'] : key ? ['all', ...RULES.filter((r) => r.buildkit && (key === 'experimental') === !!r.experimental).map((r) => r.id)] : ['skip=', 'error=true', 'experimental='];
    return options
      .filter((o) => o.startsWith(prefix))
      .map((o) => {
        const rule = RULES.find((r) => r.id === o);
        return { label: o, kind: rule ? CompletionItemKind.Reference : CompletionItemKind.Keyword, detail: rule?.doc, textEdit: { range: range(prefix.length), newText: o } };
      });
  }
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
      if (typeValue) {
        values = MOUNT_TYPES;
        prefix = typeValue[1];
      } else if (keyValue) {
        values = MOUNT_VALUES[keyValue[1]] ?? [];
        prefix = keyValue[2];
      } else if (flagValue[2] === '') values = MOUNT_TYPES.map((t) => `type=${t}`);
      else if (keyStart) {
        values = (MOUNT_KEYS_BY_TYPE[type] ?? []).map((k) => `${k}=`);
        prefix = keyStart[1];
      }
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
    return Object.entries(flags)
      .filter(([f]) => `--${f}`.startsWith(typed))
      .map(([f, type]) => ({
        label: `--${f}`,
        kind: CompletionItemKind.Property,
        detail: type === 'bool' ? 'boolean flag' : 'flag with a value',
        textEdit: { range: range(typed.length), newText: type === 'bool' ? `--${f}` : `--${f}=` },
        command: type === 'bool' ? undefined : { title: 'values', command: 'editor.action.triggerSuggest' },
      }));
  }
  // The image of a FROM: earlier stages, scratch, the images (then the tags) the workspace uses.
  const base = /^\s*from\s+(?:--\S+\s+)*([^\s-]\S*|)$/i.exec(lineText);
  if (base && ins?.name === 'from') return baseImageItems(model, ins, base[1], range, ctx);
  if (!withinServiceLimit(file.text)) return [];
  const result = service.computeCompletionItems(file.text, position);
  return Array.isArray(result) ? result : [];
}

function baseImageItems(model: DockerfileModel, ins: Instruction, typed: string, range: (len: number) => Range, ctx: ServiceContext): CompletionItem[] {
  const images = workspaceImages(ctx.workspace);
  // `name:ta|`: the tags seen with that name (a colon before the last slash is a registry port).
  const colon = typed.lastIndexOf(':');
  if (colon > typed.lastIndexOf('/')) {
    const seen = images.get(typed.slice(0, colon));
    const prefix = typed.slice(colon + 1);
    return [...(seen?.tags ?? [])]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tag, files]) => ({
        label: tag,
        kind: CompletionItemKind.Constant,
        detail: `tag used in ${count(files.size, 'file')}`,
        textEdit: { range: range(prefix.length), newText: tag },
      }));
  }
  const items: CompletionItem[] = [];
  const current = model.stageOf(ins);
  for (const stage of model.stages) {
    if (!stage.name || (current && stage.index >= current.index)) continue;
    items.push({ label: stage.name, kind: CompletionItemKind.Reference, detail: `stage ${stage.index}: FROM ${stage.base?.value ?? ''}`, sortText: `0${stage.name}`, textEdit: { range: range(typed.length), newText: stage.name } });
  }
  for (const seen of [...images.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const tags = [...seen.tags.keys()].sort();
    items.push({
      label: seen.name,
      kind: CompletionItemKind.Module,
      sortText: `1${seen.name}`,
      detail: `image used in ${count(seen.files.size, 'file')}${tags.length ? ` (tags ${tags.join(', ')})` : ''}`,
      textEdit: { range: range(typed.length), newText: seen.name },
    });
  }
  items.push({ label: 'scratch', kind: CompletionItemKind.Keyword, detail: 'an empty base image', sortText: '2scratch', textEdit: { range: range(typed.length), newText: 'scratch' } });
  if (!typed) items.push({ label: '--platform=', kind: CompletionItemKind.Property, detail: 'flag with a value', sortText: '3--platform=', command: { title: 'values', command: 'editor.action.triggerSuggest' } });
  return items;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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
