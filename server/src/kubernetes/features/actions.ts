import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Finding } from '../../core/diagnostics';
import type { SourceFile } from '../../core/source';
import { documentsOf, isRecord, type ManifestDocument } from '../model/documents';
import { getPath, podSpecOf } from '../validation/pod-spec';

interface FixData {
  rename?: string;
  replace?: string;
  insert?: string;
  value?: string;
  apiVersion?: string;
  from?: string;
  kind?: string;
}

/** Quick fixes: rename a misspelt field, fix an enum's casing, add a required field, rewrite a removed API. */
export function codeActions(file: SourceFile, findings: Finding[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const lines = file.text.split('\n');
  for (const item of findings) {
    const data = (item.data ?? {}) as FixData;
    const edit = (title: string, edits: TextEdit[], preferred = true) => actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [item], isPreferred: preferred, edit: { changes: { [file.uri]: edits } } });
    if (data.rename) edit(`Rename to '${data.rename}'`, [{ range: item.range, newText: data.rename }]);
    if (data.replace !== undefined) edit(`Change to '${data.replace}'`, [{ range: item.range, newText: data.replace }]);
    if (data.insert) edit(`Add '${data.insert}'`, [insertField(lines, item.range, data.insert, data.value ?? '')]);
    if (data.apiVersion && data.kind) {
      const doc = documentsOf(file).find((d) => d.startLine <= item.range.start.line && item.range.start.line < d.startLine + d.text.split('\n').length);
      const edits = [{ range: item.range, newText: data.apiVersion }, ...(doc ? migrateFields(doc, data, lines) : [])];
      edit(`Rewrite to ${data.apiVersion}`, edits);
    }
  }
  return actions;
}

/** A new `field: value` line as child of a block key, or as sibling of the reported key. */
function insertField(lines: string[], range: Range, field: string, value: string): TextEdit {
  const line = lines[range.start.line] ?? '';
  let indent = range.start.character;
  if (line.trimEnd().endsWith(':') && /^\s*(?:-\s+)?[^:]+:\s*$/.test(line)) {
    const next = lines.slice(range.start.line + 1).find((l) => l.trim() && !l.trim().startsWith('#'));
    const nextIndent = next ? next.length - next.trimStart().length : -1;
    indent = nextIndent > range.start.character ? nextIndent : range.start.character + 2;
  }
  const end = { line: range.start.line, character: line.length };
  return { range: { start: end, end }, newText: `\n${' '.repeat(indent)}${field}: ${value}` };
}

/** Field changes between a removed API and its replacement, as line edits on the document. */
function migrateFields(doc: ManifestDocument, data: FixData, lines: string[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const first = doc.startLine;
  const last = first + doc.text.split('\n').length;
  if (data.kind === 'Ingress' && data.apiVersion === 'networking.k8s.io/v1') {
    for (let l = first; l < last; l++) {
      const text = lines[l];
      const name = /^(\s*)serviceName:\s*(.+?)\s*$/.exec(text);
      const port = /^(\s*)servicePort:\s*(.+?)\s*$/.exec(lines[l + 1] ?? '');
      if (name && port) {
        const pad = name[1];
        const portValue = port[2].replace(/^["']|["']$/g, '');
        const portLine = /^\d+$/.test(portValue) ? `number: ${portValue}` : `name: ${portValue}`;
        edits.push({ range: { start: { line: l, character: 0 }, end: { line: l + 1, character: lines[l + 1].length } }, newText: `${pad}service:\n${pad}  name: ${name[2]}\n${pad}  port:\n${pad}    ${portLine}` });
        l++;
        continue;
      }
      const backend = /^(\s{2})backend:\s*$/.exec(text);
      if (
        backend &&
        /^spec:/.test(
          lines
            .slice(first, l)
            .reverse()
            .find((x) => /^\S/.test(x)) ?? '',
        )
      ) {
        edits.push({ range: { start: { line: l, character: 2 }, end: { line: l, character: 2 + 'backend'.length } }, newText: 'defaultBackend' });
      }
      const path = /^(\s*)-\s+path:\s*.*$/.exec(text);
      if (path && !/pathType:/.test(lines[l + 1] ?? '') && !/pathType:/.test(lines[l - 1] ?? '')) {
        edits.push({ range: { start: { line: l, character: text.length }, end: { line: l, character: text.length } }, newText: `\n${path[1]}  pathType: ImplementationSpecific` });
      }
    }
  }
  if (data.kind === 'HorizontalPodAutoscaler' && data.from === 'autoscaling/v2beta1') {
    // v2beta1 metric targets became a `target` object in v2.
    const TARGETS: Record<string, [string, string]> = {
      targetAverageUtilization: ['Utilization', 'averageUtilization'],
      targetAverageValue: ['AverageValue', 'averageValue'],
      targetValue: ['Value', 'value'],
    };
    for (let l = first; l < last; l++) {
      const match = /^(\s*)(targetAverageUtilization|targetAverageValue|targetValue):\s*(.+?)\s*$/.exec(lines[l]);
      if (match) {
        const [type, field] = TARGETS[match[2]];
        edits.push({ range: { start: { line: l, character: 0 }, end: { line: l, character: lines[l].length } }, newText: `${match[1]}target:\n${match[1]}  type: ${type}\n${match[1]}  ${field}: ${match[3]}` });
      }
      const metric = /^(\s*)metricName:\s*(.+?)\s*$/.exec(lines[l]);
      if (metric) edits.push({ range: { start: { line: l, character: 0 }, end: { line: l, character: lines[l].length } }, newText: `${metric[1]}metric:\n${metric[1]}  name: ${metric[2]}` });
    }
  }
  if (data.apiVersion === 'apps/v1' && doc.value && !getPath(doc.value, ['spec', 'selector'])) {
    const pod = podSpecOf(data.kind ?? '', doc.value);
    const labels = pod?.templatePath ? getPath(doc.value, [...pod.templatePath, 'metadata', 'labels']) : undefined;
    const specLine = lines.findIndex((l, i) => i >= first && i < last && /^spec:\s*$/.test(l));
    if (specLine >= 0 && isRecord(labels)) {
      const entries = Object.entries(labels)
        .map(([k, v]) => `\n      ${k}: ${String(v)}`)
        .join('');
      edits.push({ range: { start: { line: specLine, character: 5 }, end: { line: specLine, character: 5 } }, newText: `\n  selector:\n    matchLabels:${entries.replace(/\n {6}/g, '\n      ')}` });
    }
  }
  return edits;
}
